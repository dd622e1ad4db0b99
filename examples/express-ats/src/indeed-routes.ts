import { isJobAcceptingApplications, type Job, ValidationError } from "@org/ats-core";
import { questionsUrl, serialiseQuestionSet } from "@org/indeed-apply";
import {
  type FeedJobInput,
  FeedWriter,
  feedJobFromAtsJob,
  type IndeedApplySettingsInput,
} from "@org/indeed-feed";
import { Router } from "express";
import type { Logger } from "./logger";
import type { TenantRegistry, TenantServices } from "./tenant-registry";

/** The Indeed paths of a tenant. */
export const INDEED_PATHS = {
  feed: (tenantId: string) => `/t/${tenantId}/indeed/feed.xml`,
  apply: (tenantId: string) => `/t/${tenantId}/indeed/apply`,
  questions: (tenantId: string, jobId: string) =>
    `/t/${tenantId}/indeed/questions/${encodeURIComponent(jobId)}/{hash}.json`,
  jobPage: (tenantId: string, jobId: string) => `/t/${tenantId}/jobs/${encodeURIComponent(jobId)}`,
} as const;

/**
 * Indeed for every tenant: the XML feed streamed from the database (open jobs only, Indeed Apply
 * data when the tenant has it), the screening questions at content-addressed URLs, and the
 * postUrl that takes signed applications.
 */
export function indeedRouter(registry: TenantRegistry, publicBaseUrl: string, logger: Logger): Router {
  const router = Router();
  const base = publicBaseUrl.replace(/\/+$/, "");

  router.get("/t/:tenant/indeed/feed.xml", async (req, res, next) => {
    try {
      const tenant = await registry.find(req.params.tenant);
      if (tenant === undefined) {
        res.status(404).json({ ok: false, message: "No such company" });
        return;
      }
      const log = logger.child({ tenant: tenant.id, route: "indeed-feed" });
      const writer = new FeedWriter({
        publisher: tenant.name,
        publisherUrl: base,
        elements: ["requisitionid", "salary", "jobtype", "expirationdate", "indeed-apply-data"],
      });
      res.type("application/xml; charset=utf-8");
      const stream = writer.toReadable(feedJobs(tenant, base, log));
      stream.on("error", (error) => {
        // Headers are gone by now: end the response so Indeed sees a truncated (invalid) feed, not a complete one.
        log.error("feed stream failed", { error });
        res.destroy(error);
      });
      stream.pipe(res);
    } catch (error) {
      next(error);
    }
  });

  router.get("/t/:tenant/indeed/questions/:job/:hash.json", async (req, res) => {
    const tenant = await registry.find(req.params.tenant);
    const questions = tenant?.settings.indeed?.questionSets[req.params.job];
    if (tenant === undefined || questions === undefined) {
      res.status(404).json({ ok: false, message: "No questions for this job" });
      return;
    }
    const json = serialiseQuestionSet(questions as never);
    const current = await questionsUrl(`https://x.invalid/{hash}`, json);
    // An old hash is an old version: Indeed must fetch the URL in the feed, never a stale one.
    if (!current.endsWith(`/${req.params.hash}`)) {
      res
        .status(404)
        .json({ ok: false, message: "These questions have changed; fetch the URL in the current feed" });
      return;
    }
    res.type("application/json; charset=utf-8").send(json);
  });

  router.post("/t/:tenant/indeed/apply", async (req, res, next) => {
    try {
      const tenant = await registry.find(req.params.tenant);
      if (tenant?.indeedApply === undefined) {
        // Not 410 (that means "job closed"): the endpoint itself is unknown.
        res.status(404).json({ ok: false, message: "Indeed Apply is not configured for this company" });
        return;
      }
      tenant.indeedApply(req, res, next);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The feed jobs of a tenant: open jobs, streamed; a job Indeed cannot take is logged and left out. */
async function* feedJobs(tenant: TenantServices, base: string, log: Logger): AsyncGenerator<FeedJobInput> {
  const now = new Date();
  const indeed = tenant.settings.indeed;
  const https = base.startsWith("https://");
  for await (const job of tenant.stores.jobs.list()) {
    if (!isJobAcceptingApplications(job, now)) continue;
    try {
      const settings = indeed && https ? await applySettings(tenant, job, base) : undefined;
      yield feedJobFromAtsJob(job, {
        jobUrl: (entry) => base + INDEED_PATHS.jobPage(tenant.id, entry.id),
        ...(settings && { indeedApply: () => settings }),
      });
    } catch (error) {
      if (!ValidationError.is(error)) throw error;
      log.warn("job left out of the Indeed feed", { job: job.id, problems: error.issues });
    }
  }
}

async function applySettings(
  tenant: TenantServices,
  job: Job,
  base: string,
): Promise<IndeedApplySettingsInput> {
  const indeed = tenant.settings.indeed!;
  const settings: IndeedApplySettingsInput = {
    apiToken: indeed.apiToken,
    jobId: job.id,
    jobLocation:
      [job.location.region, job.location.city].filter(Boolean).join(" ").slice(0, 50) || job.location.country,
    postUrl: base + INDEED_PATHS.apply(tenant.id),
    jobUrl: base + INDEED_PATHS.jobPage(tenant.id, job.id),
  };
  const questions = indeed.questionSets[job.id];
  if (questions !== undefined)
    settings.questions = await questionsUrl(
      base + INDEED_PATHS.questions(tenant.id, job.id),
      serialiseQuestionSet(questions as never),
    );
  return settings;
}
