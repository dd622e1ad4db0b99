// Fails loudly, before any test runs, when a service that `pnpm test:services` needs is not reachable.
// The services are this machine's own: PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379
// (override with DATABASE_URL / REDIS_URL).
import net from "node:net";

const services = [
  {
    name: "PostgreSQL",
    url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    defaultPort: 5432,
  },
  { name: "Redis", url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", defaultPort: 6379 },
];

const reach = ({ url, defaultPort }) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort), timeout: 3000 });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });

const missing = [];
for (const service of services) if (!(await reach(service))) missing.push(service);
if (missing.length > 0) {
  for (const service of missing) {
    console.error(
      `✖ ${service.name} is not reachable at ${service.url}. Start it (see docs/development.md) or point ${service.name === "Redis" ? "REDIS_URL" : "DATABASE_URL"} at one.`,
    );
  }
  process.exit(1);
}
console.log(`services reachable: ${services.map((service) => service.name).join(", ")}`);
