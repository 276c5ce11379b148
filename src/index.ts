/** The app's one function: every resolver, registered by name. */
import Resolver from '@forge/resolver';
import { getStatusHelp } from './agent/resolvers';
import { getRequestView, performCustomerAction } from './portal/resolvers';

const resolver = new Resolver();
resolver.define('getRequestView', getRequestView);
resolver.define('performCustomerAction', performCustomerAction);
resolver.define('getStatusHelp', getStatusHelp);

export const handler = resolver.getDefinitions();
