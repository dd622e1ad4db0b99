import type { Database } from "../db/database";
import type { ImportIntegration } from "../import-integration";
import type { Logger } from "../logger";
import type { TenantRegistry, TenantServices } from "../tenant-registry";
import type { TopCvIntegration } from "../topcv-integration";
import type { PageContext } from "./page-context";

/** What the recruiter's pages are built on. */
export interface WebDeps {
  db: Database;
  registry: TenantRegistry;
  topcv: TopCvIntegration;
  imports: ImportIntegration;
  logger: Logger;
  publicBaseUrl: string;
}

/** An uploaded file of a multipart form. */
export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** A signed-in request as the page handlers see it: the tenant comes from the session, never the URL. */
export interface PageRequest {
  ctx: PageContext;
  tenant: TenantServices;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Form fields of a POST (the CSRF token already checked). */
  form: Record<string, string>;
  files: Record<string, UploadedFile>;
  /** Where this app listens, for calling itself (the Indeed feed lint). */
  selfUrl: string;
}
