import type { SqlClient } from "../db/database";
import { createUser } from "./users";

/** A demo recruiter's credentials, printed by the demo. */
export interface DemoUser {
  tenantId: string;
  email: string;
  password: string;
}

/**
 * Creates one recruiter per tenant for the demo (passwords are demo-only and printed, never use
 * them elsewhere). Call after the tenants exist.
 */
export async function seedDemoUsers(db: SqlClient, tenantIds: readonly string[]): Promise<DemoUser[]> {
  const users: DemoUser[] = [];
  for (const tenantId of tenantIds) {
    const user = { tenantId, email: `recruiter@${tenantId}.example`, password: `demo-${tenantId}-password` };
    await createUser(db, { ...user, name: `Recruiter (${tenantId})` });
    users.push(user);
  }
  return users;
}
