// The Zero schema, generated from drizzle/ (sync/schema.gen.ts), plus the context type Zero's
// queries and mutators receive.
import type { AuthContext } from './auth.ts';

export { schema, zql, builder } from './schema.gen.ts';
export type * from './schema.gen.ts';

declare module '@rocicorp/zero' {
	interface DefaultTypes {
		context: AuthContext | undefined;
	}
}
