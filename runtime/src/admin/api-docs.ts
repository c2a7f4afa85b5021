/**
 * The API's description, generated from the route schemas: OpenAPI 3.1 at GET /openapi.json
 * and Swagger UI at /docs. The description and the UI's copy of it (/docs/json, /docs/yaml)
 * need the admin API's bearer token; the UI's page and files are the stock Swagger UI and say
 * nothing about this server, so a browser can open them and then send the studio's token (or
 * one pasted when asked) with the request for the description.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorEnvelope } from '@parley/contract/api';

const OPENAPI_PATH = '/openapi.json';
const DOCS_PREFIX = '/docs';

/** The studio keeps its sign-in token under this sessionStorage key (studio/src/app/App.tsx). */
const STUDIO_TOKEN_KEY = 'parley.token';

/**
 * Collects every route registered after it (on the root instance, before any route), so call
 * it first. Only the HTTP roles serve the API, so only they describe it.
 */
export async function describeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley runtime API',
        version: '1',
        description:
          'The admin, studio, simulator, agent desk and operations API (docs/admin-api.md), and the webhook and health routes. Errors answer { error: { code, message } }.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The admin token, or a login token from POST /api/login' },
        },
      },
      tags: [
        { name: 'flows', description: 'Drafts, publishing, versions, transcript tests' },
        { name: 'simulator', description: 'The preview channel' },
        { name: 'desk', description: 'Conversations handed to a person' },
        { name: 'ops', description: 'Understanding try-out, analytics, events, dead letters, tenants' },
        { name: 'login', description: 'Sign-in' },
        { name: 'system', description: 'Health, metrics, webhooks, the studio and this description' },
      ],
    },
    // Which operations need the bearer token, decided where the auth hook is: /api (but sign-in) and the description.
    transform: ({ schema, url }) => ({ schema: { ...schema, security: needsAdminToken(url) ? [{ bearer: [] }] : [] }, url }),
  });
}

function needsAdminToken(url: string): boolean {
  return (url.startsWith('/api/') && !url.startsWith('/api/login')) || url === OPENAPI_PATH;
}

type AdminGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * Adds the token to the UI's requests: the studio's (same origin, same tab), else one the reader
 * pastes when the description is first fetched. Browser code, written into the UI's initializer.
 */
const REQUEST_INTERCEPTOR = `(request) => {
  const key = ${JSON.stringify(STUDIO_TOKEN_KEY)};
  let token = window.sessionStorage.getItem(key);
  if (!token && /\\/docs\\/(json|yaml)$/.test(request.url)) {
    token = window.prompt('Parley admin token (or a login token) to read the API description:');
    if (token) window.sessionStorage.setItem(key, token);
  }
  if (token && !request.headers.Authorization) request.headers.Authorization = 'Bearer ' + token;
  return request;
}`;

/** GET /openapi.json and /docs; `requireAdmin` is the admin API's own bearer check (and throttle). */
export async function apiDocsRoutes(app: FastifyInstance, requireAdmin: AdminGuard): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAdmin);
    scope.get(
      OPENAPI_PATH,
      {
        schema: {
          tags: ['system'],
          summary: 'This API described as OpenAPI 3.1',
          response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }), 401: ErrorEnvelope },
        },
      },
      async () => app.swagger(),
    );
  });

  const description = /\/(json|yaml)$/;
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: {
      deepLinking: true,
      // serialize() writes a function's toString() into the page's initializer.
      requestInterceptor: Object.assign(<T>(request: T): T => request, { toString: () => REQUEST_INTERCEPTOR }),
      persistAuthorization: false,
    },
    uiHooks: {
      onRequest: async (req, reply) => (description.test(req.url.split('?')[0] ?? '') ? requireAdmin(req, reply) : undefined),
    },
    // The page loads only its own files from this origin: the app's Content-Security-Policy fits it.
    staticCSP: false,
  });
}
