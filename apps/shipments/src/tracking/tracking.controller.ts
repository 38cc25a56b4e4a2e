import { readFileSync } from 'node:fs';
import { Controller, Get, Headers, Param, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toString as qrCodeSvg } from 'qrcode';
import { clientAddressOf, Public } from '@lib/http';
import { DEFAULT_LANGUAGE, isLanguage, negotiateLanguage, type Language } from '@lib/i18n';
import { ShareLinkNotFound } from './share-link.errors';
import { PublicUrls } from './public-url';
import { ShareLinkService } from './share-links.service';
import { TRACKING_CSS } from './tracking.css';
import { LINK_GONE_HEADER, TRACKING_SCRIPT } from './tracking.script';
import { gonePage, goneFragment, trackingFragment, trackingPage } from './tracking.page';

/** How often an open page's stream asks Postgres whether anything it shows has changed. */
const LIVE_POLL_MS = 2_000;
const KEEP_ALIVE_TICKS = 10;

/** Page views and live streams per client address and minute: a person, not a scraper walking tokens. */
export const TRACKING_RATE_LIMIT = { max: 60, timeWindow: 60_000 } as const;

/**
 * The token is a credential: the access log (libs/http) writes each request's URL once it is answered,
 * so it is masked there first: by the handler, or by the limiter when it refuses the request. Routing is
 * done by then, and the handler has its own copy.
 */
function hideToken(request: FastifyRequest): void {
  request.raw.url = request.raw.url?.replace(/^\/t\/[^/?]+/, '/t/…');
}

const trackingLimit = {
  rateLimit: {
    ...TRACKING_RATE_LIMIT,
    keyGenerator: (request: FastifyRequest) => `tracking:${clientAddressOf(request.ip)}`,
    onExceeded: hideToken,
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) => ({
      statusCode: 429,
      detail: `${context.max} tracking page requests per minute from this address; retry in ${context.after}`,
      message: 'rate limit exceeded',
    }),
  },
};

/** Same origin only, nothing inline (the QR code is inline SVG markup, not a script or a style). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const ASSETS: Record<string, { type: string; body: string }> = {
  'tracking.css': { type: 'text/css; charset=utf-8', body: TRACKING_CSS },
  'tracking.js': { type: 'text/javascript; charset=utf-8', body: TRACKING_SCRIPT },
  'htmx.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'),
  },
  'sse.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx-ext-sse/dist/sse.min.js'), 'utf8'),
  },
};

/** A public page: never indexed, never cached (a revoked link must not live on in a cache), never framed. */
function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('cross-origin-opener-policy', 'same-origin');
}

/**
 * The public tracking page at /t/<token>: no API key, the token is the credential. An unknown, revoked
 * or expired token answers 404 at once; an open page follows the shipment live over SSE.
 */
@ApiExcludeController()
@Public()
@Controller('t')
export class TrackingController implements BeforeApplicationShutdown {
  /** Ends each open stream: a hijacked connection would otherwise keep the server from closing. */
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly links: ShareLinkService,
    private readonly urls: PublicUrls,
  ) {}

  beforeApplicationShutdown(): void {
    for (const end of this.streams) end();
  }

  @Get('assets/:file')
  @RouteConfig({ rateLimit: false })
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw new ShareLinkNotFound(file);
    void reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  }

  @Get(':token')
  @RouteConfig(trackingLimit)
  async page(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    hideToken(request);
    const opened = await this.links.open(token, true);
    if (!opened) {
      void pageHeaders(reply)
        .status(404)
        .send(gonePage(isLanguage(lang) ? lang : negotiateLanguage(acceptLanguage)));
      return;
    }
    const language = isLanguage(lang) ? lang : opened.link.language;
    const path = `/t/${token}`;
    const qrSvg = await qrCodeSvg(this.urls.of(request, path), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    void pageHeaders(reply).send(
      trackingPage({ view: opened.view, language, path, qrSvg, expiresAt: opened.link.expiresAt }),
    );
  }

  /**
   * The page's content, re-rendered whenever what it shows changes (server-sent events, swapped in by
   * htmx's sse extension). Each stream asks Postgres every couple of seconds (a digest of the shipment
   * row and its latest event), so it works whichever instance serves it; once the link is revoked or
   * expires it says so and ends, and reconnecting is 404. Written by hand rather than with @Sse, so an
   * unknown token is a plain 404 before any stream header goes out.
   */
  @Get(':token/live')
  @RouteConfig(trackingLimit)
  async live(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    hideToken(request);
    const opened = await this.links.open(token, false);
    if (!opened) {
      void pageHeaders(reply)
        .status(404)
        .header(LINK_GONE_HEADER, 'gone')
        .send(goneFragment(isLanguage(lang) ? lang : DEFAULT_LANGUAGE).value);
      return;
    }
    const language: Language = isLanguage(lang) ? lang : opened.link.language;
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex, nofollow',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const send = (markup: string) =>
      stream.write(
        `event: tracking\n${markup
          .split('\n')
          .map((line) => `data: ${line}\n`)
          .join('')}\n`,
      );
    let shown: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    let ticks = 0;
    const end = () => {
      ended = true;
      this.streams.delete(end);
      clearTimeout(timer);
      if (!stream.writableEnded) stream.end();
    };
    this.streams.add(end);
    request.raw.on('close', end);
    const check = async () => {
      const version = await this.links.version(token);
      const now = version === null || version === shown ? undefined : await this.links.open(token, false);
      if (version === null || now === null) {
        send(goneFragment(language).value);
        return end();
      }
      // A comment now and then keeps proxies from closing a quiet stream.
      if (!now) return void (++ticks % KEEP_ALIVE_TICKS === 0 && stream.write(': keep-alive\n\n'));
      shown = version;
      send(trackingFragment(now.view, language).value);
    };
    const loop = () => {
      // A failed read (Postgres restarting) is tried again on the next tick, not the end of the stream.
      void check()
        .catch(() => undefined)
        .finally(() => {
          if (!ended) timer = setTimeout(loop, LIVE_POLL_MS);
        });
    };
    loop();
  }
}
