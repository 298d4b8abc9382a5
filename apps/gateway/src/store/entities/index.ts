import { AdminSettingEntity } from './admin-setting.entity.js';
import { AuthProviderEntity } from './auth-provider.entity.js';
import { ConfigRevisionEntity } from './config-revision.entity.js';
import { GlobalConfigEntity } from './global-config.entity.js';
import { RouteEntity } from './route.entity.js';

export { AdminSettingEntity, AuthProviderEntity, ConfigRevisionEntity, GlobalConfigEntity, RouteEntity };

export const ENTITIES = [RouteEntity, AuthProviderEntity, GlobalConfigEntity, ConfigRevisionEntity, AdminSettingEntity];
