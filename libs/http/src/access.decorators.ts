import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'logistics:public-route';
export const ALLOWED_ROLES = 'logistics:allowed-roles';

/** Open without an API key: health probes, metrics, API docs. Everything else needs a key. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route (or every route of a controller); others get 403. */
export const Roles = (...roles: string[]) => SetMetadata(ALLOWED_ROLES, roles);
