/**
 * Who may talk to the local endpoint. It serves live codes (`/_dev/messages`) and signs people in, so a web
 * page the developer happens to visit must not reach it: browsers get CORS only for loopback origins and the
 * ones configured, and every request must name a loopback host or the configured one, which defeats DNS
 * rebinding (a foreign name resolving to 127.0.0.1 still arrives with that foreign name in `Host`).
 */
export interface OriginPolicy {
  /** Whether a browser page from `origin` (the `Origin` header) may call the endpoint. */
  allowsOrigin(origin: string): boolean;
  /** Whether the `Host` header names this endpoint. */
  allowsHost(host: string): boolean;
}

/** Options of {@link createOriginPolicy}. */
export interface OriginPolicyOptions {
  /** Origins allowed besides loopback ones, e.g. `https://dev.example.test:8443` (`--cors-origin`). */
  readonly corsOrigins?: readonly string[];
  /** Host names allowed besides loopback ones: the address the endpoint is bound to, when that is not loopback. */
  readonly hosts?: readonly string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a host name (without port) is a loopback name. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(name) || name.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** Builds the policy; configured origins are compared in their normalised form (`new URL(o).origin`). */
export function createOriginPolicy({ corsOrigins = [], hosts = [] }: OriginPolicyOptions = {}): OriginPolicy {
  const origins = new Set(corsOrigins.map(normaliseOrigin));
  const extraHosts = new Set(hosts.map((host) => host.toLowerCase()));
  return {
    allowsOrigin(origin) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (origins.has(url.origin)) return true;
      return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
    },
    allowsHost(host) {
      const hostname = hostnameOf(host);
      return hostname !== undefined && (isLoopbackHost(hostname) || extraHosts.has(hostname));
    },
  };
}

/** `https://Example.test:443/` → `https://example.test`; throws on text that is not an origin. */
export function normaliseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.origin === 'null') throw new Error(`not an http(s) origin: "${origin}"`);
  return url.origin;
}

// `Host` is `name[:port]` or `[v6]:port`; a URL parses both.
function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
