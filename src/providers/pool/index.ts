export {
  createPoolProvider,
  type EndpointStats,
  type PoolEndpoint,
  type PoolEvent,
  type PoolOptions,
  type PoolProvider,
} from './pool.js';
export { splitEndpointUrls } from './urls.js';
