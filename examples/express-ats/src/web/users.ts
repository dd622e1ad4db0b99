import { randomUUID } from "node:crypto";
import { ValidationError } from "@org/ats-core";
import bcrypt from "bcryptjs";
import type { SqlClient } from "../db/database";

/** A recruiter of one company. */
export interface User {
  tenantId: string;
  id: string;
  email: string;
  name: string;
}

/** bcrypt cost: about 100 ms a hash on one core, slow enough to make guessing expensive. */
const COST = 11;
// Compared against when the e-mail is unknown, so an unknown user takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("not a password of anyone", COST);

/**
 * Creates a recruiter with a bcrypt-hashed password (never stored in clear).
 * @throws ValidationError for a password shorter than 12 characters
 */
export async function createUser(
  db: SqlClient,
  input: { tenantId: string; email: string; name: string; password: string },
): Promise<User> {
  if (input.password.length < 12)
    throw new ValidationError("user", [
      {
        path: ["password"],
        reason: "too_short",
        message: "A recruiter's password needs at least 12 characters",
      },
    ]);
  const user: User = {
    tenantId: input.tenantId,
    id: randomUUID(),
    email: input.email.trim().toLowerCase(),
    name: input.name,
  };
  await db.query(
    "INSERT INTO users (tenant_id, id, email, name, password_hash) VALUES ($1, $2, $3, $4, $5)",
    [user.tenantId, user.id, user.email, user.name, await bcrypt.hash(input.password, COST)],
  );
  return user;
}

/** The user of `tenantId` with this e-mail and password; `undefined` for any mismatch. */
export async function authenticate(
  db: SqlClient,
  tenantId: string,
  email: string,
  password: string,
): Promise<User | undefined> {
  const { rows } = await db.query<{ id: string; email: string; name: string; password_hash: string }>(
    "SELECT id, email, name, password_hash FROM users WHERE tenant_id = $1 AND email = $2",
    [tenantId, email.trim().toLowerCase()],
  );
  const row = rows[0];
  const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
  if (!ok || row === undefined) return undefined;
  return { tenantId, id: row.id, email: row.email, name: row.name };
}
