/**
 * A cookie-keeping HTTP client for the pages' tests: logs in like a browser (reading the CSRF
 * token from the form) and submits forms with the token of the page they are on.
 */
export class WebTestClient {
  private readonly jar = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** GET a path; redirects are not followed (tests assert them). */
  async get(path: string): Promise<Response> {
    return this.request(path, { method: "GET" });
  }

  /** GET a page and return its HTML (following one redirect). */
  async page(path: string): Promise<{ status: number; html: string }> {
    let response = await this.get(path);
    if (response.status === 303) response = await this.get(response.headers.get("location")!);
    return { status: response.status, html: await response.text() };
  }

  /** POST form fields (urlencoded, or multipart when a file is given). */
  async post(
    path: string,
    fields: Record<string, string>,
    file?: { field: string; name: string; bytes: Uint8Array },
  ): Promise<Response> {
    if (file === undefined) return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set(file.field, new Blob([new Uint8Array(file.bytes)], { type: "text/csv" }), file.name);
    return this.request(path, { method: "POST", body: form });
  }

  /** The CSRF token in a page's forms. */
  static csrfOf(html: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (match === null) throw new Error("No CSRF field on the page");
    return match[1]!;
  }

  /** Logs in through the login form; returns the response of the form post. */
  async login(tenant: string, email: string, password: string): Promise<Response> {
    const form = await (await this.get("/app/login")).text();
    return this.post("/app/login", { _csrf: WebTestClient.csrfOf(form), tenant, email, password });
  }

  /** Posts a form from the page at `from`, with that page's CSRF token. */
  async submit(from: string, action: string, fields: Record<string, string> = {}): Promise<Response> {
    const { html } = await this.page(from);
    return this.post(action, { _csrf: WebTestClient.csrfOf(html), ...fields });
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.jar].map(([key, value]) => `${key}=${value}`).join("; ");
    const response = await fetch(this.baseUrl + path, {
      ...init,
      redirect: "manual",
      headers: { ...(cookie && { cookie }) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair!.indexOf("=");
      const key = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.jar.delete(key);
      else this.jar.set(key, value);
    }
    return response;
  }
}
