'use strict';
// The offline lint (scripts/forge-lint.mjs) never logs in, so no credential store is needed.
const unavailable = () =>
  Promise.reject(new Error('keytar is stubbed in this project: no OS credential store is used'));
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findPassword: unavailable,
  findCredentials: unavailable,
};
