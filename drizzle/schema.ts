// The one hand-written schema. `sync/schema.gen.ts` is generated from it (npm run zero:generate).
export * from './schema/users.ts';
export * from './schema/catalog.ts';
export * from './schema/staff.ts';
export * from './schema/customers.ts';
export * from './schema/managers.ts';
export * from './schema/bookings.ts';
export * from './schema/billing.ts';
export * from './schema/relations.ts';
export * from './schema/system.ts';
export * from './schema/settings.ts';
export * from './schema/api-tokens.ts';
export * from './schema/busy.ts';
export * from './schema/waitlist.ts';
export * from './schema/notifications.ts';
export * from './schema/field.ts';
export * from './schema/photos.ts';
export * from './schema/audit.ts';
