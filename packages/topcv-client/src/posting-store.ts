import type { TopCvPosting } from "./contract";

/**
 * The postings an ATS tenant has on TopCV, linked to its jobs: the "Danh sách tin đã đăng" (posted
 * list) of seed 002_5326164b08f43035.txt. Webhooks look up the ATS job of a TopCV posting here, and
 * approval/rejection notifications update the status here.
 */
export interface PostingStore {
  /** The posting with this TopCV id, or `undefined`. */
  get(topcvJobId: string): Promise<TopCvPosting | undefined>;
  /** Inserts or replaces (by `topcvJobId`). */
  put(posting: TopCvPosting): Promise<void>;
  /** Postings linked to one ATS job (a job may be posted more than once). */
  findByAtsJob(atsJobId: string): Promise<TopCvPosting[]>;
  /** Every posting in the posted list. */
  list(): Promise<TopCvPosting[]>;
}

/** In-memory {@link PostingStore}. Copies in and out, as a database would. */
export class InMemoryPostingStore implements PostingStore {
  private readonly postings = new Map<string, TopCvPosting>();

  /** See {@link PostingStore.get}. */
  async get(topcvJobId: string) {
    const posting = this.postings.get(topcvJobId);
    return posting && structuredClone(posting);
  }

  async put(posting: TopCvPosting) {
    this.postings.set(posting.topcvJobId, structuredClone(posting));
  }

  async findByAtsJob(atsJobId: string) {
    return [...this.postings.values()]
      .filter((posting) => posting.atsJobId === atsJobId)
      .map((posting) => structuredClone(posting));
  }

  /** See {@link PostingStore.list}. */
  async list() {
    return [...this.postings.values()].map((posting) => structuredClone(posting));
  }
}
