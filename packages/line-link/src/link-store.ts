import { ConflictError } from "@org/ats-core";
import { z } from "zod";
import { LineUserIdSchema } from "./webhook-event";

/** The LINE Login tokens of a linked user, kept only to deauthorize the app on unlinking. */
export const LoginTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().optional(),
  expiresAt: z.date(),
});
/** @see LoginTokensSchema */
export type LoginTokens = z.infer<typeof LoginTokensSchema>;

/**
 * A candidate linked to a LINE user. One link per candidate, one candidate per LINE user and
 * tenant (so a received message belongs to exactly one candidate); the candidate's several
 * applications share it through `applicationIds`.
 */
export const CandidateLinkSchema = z.object({
  candidateId: z.string().min(1),
  lineUserId: LineUserIdSchema,
  applicationIds: z.array(z.string()),
  linkedAt: z.date(),
  /** False after `unfollow` (blocked): a push still answers 200 but is never delivered. */
  reachable: z.boolean(),
  reachabilityChangedAt: z.date().optional(),
  loginTokens: LoginTokensSchema.optional(),
});
/** @see CandidateLinkSchema */
export type CandidateLink = z.infer<typeof CandidateLinkSchema>;

/**
 * Storage of candidate ↔ LINE user links for one tenant. SQL: one table keyed by `candidateId`
 * with a unique index on `lineUserId`.
 */
export interface LinkStore {
  getByCandidate(candidateId: string): Promise<CandidateLink | undefined>;
  getByLineUser(lineUserId: string): Promise<CandidateLink | undefined>;
  /** Inserts or replaces the candidate's link. Throws `ConflictError` when the LINE user is linked to another candidate. */
  save(link: CandidateLink): Promise<void>;
  /** Removes the candidate's link; resolves the removed link. */
  remove(candidateId: string): Promise<CandidateLink | undefined>;
  /** Records follow (reachable) / unfollow (unreachable) for whoever is linked to the user; false when nobody is. */
  setReachable(lineUserId: string, reachable: boolean, at: Date): Promise<boolean>;
}

/** In-memory {@link LinkStore}. */
export class InMemoryLinkStore implements LinkStore {
  private readonly byCandidate = new Map<string, CandidateLink>();
  private readonly candidateByUser = new Map<string, string>();

  async getByCandidate(candidateId: string) {
    return copy(this.byCandidate.get(candidateId));
  }

  async getByLineUser(lineUserId: string) {
    const candidateId = this.candidateByUser.get(lineUserId);
    return candidateId === undefined ? undefined : copy(this.byCandidate.get(candidateId));
  }

  async save(link: CandidateLink) {
    const owner = this.candidateByUser.get(link.lineUserId);
    if (owner !== undefined && owner !== link.candidateId) {
      throw new ConflictError(
        link.lineUserId,
        `LINE user is already linked to candidate ${owner}; unlink that candidate first.`,
      );
    }
    const previous = this.byCandidate.get(link.candidateId);
    if (previous !== undefined) this.candidateByUser.delete(previous.lineUserId);
    this.byCandidate.set(link.candidateId, { ...link, applicationIds: [...link.applicationIds] });
    this.candidateByUser.set(link.lineUserId, link.candidateId);
  }

  async remove(candidateId: string) {
    const link = this.byCandidate.get(candidateId);
    if (link === undefined) return undefined;
    this.byCandidate.delete(candidateId);
    this.candidateByUser.delete(link.lineUserId);
    return link;
  }

  async setReachable(lineUserId: string, reachable: boolean, at: Date) {
    const candidateId = this.candidateByUser.get(lineUserId);
    const link = candidateId === undefined ? undefined : this.byCandidate.get(candidateId);
    if (link === undefined) return false;
    link.reachable = reachable;
    link.reachabilityChangedAt = at;
    return true;
  }
}

function copy(link: CandidateLink | undefined): CandidateLink | undefined {
  return link && { ...link, applicationIds: [...link.applicationIds] };
}
