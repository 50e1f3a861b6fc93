#!/usr/bin/env node
// The demo app of run.sh: a page on LANYARD_DEMO_APP_URL (http://localhost:3000) where every walk of the README
// ends. It shows who is signed in by asking Lanyard's public/session from the browser; no dependencies.
//
//   LANYARD_DEMO_APP_URL   the app's address, as the demo realm registers it (http://localhost:3000)
//   LANYARD_DEMO_APP_PORT  the port to listen on (else the address's port)
//   LANYARD_PUBLIC_URL     Keycloak's address (http://localhost:8080)
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const appUrl = new URL(process.env.LANYARD_DEMO_APP_URL || 'http://localhost:3000');
const port = Number(process.env.LANYARD_DEMO_APP_PORT || appUrl.port || 80);
const settings = {
  keycloakUrl: (process.env.LANYARD_PUBLIC_URL || 'http://localhost:8080').replace(/\/$/, ''),
  realm: 'lanyard-demo',
  clientId: 'lanyard-demo-app',
  appUrl: appUrl.origin,
};
const page = fs.readFileSync(path.join(__dirname, 'index.html'));
const script = fs.readFileSync(path.join(__dirname, 'app.js'));

http.createServer((request, response) => {
  const { pathname } = new URL(request.url, appUrl);
  if (pathname === '/settings.js') {
    send(response, 'text/javascript', `const LANYARD = ${JSON.stringify(settings)};\n`);
  } else if (pathname === '/app.js') {
    send(response, 'text/javascript', script);
  } else {
    // Any other path is the page, so that a redirect_uri of any path under the app lands somewhere.
    send(response, 'text/html', page);
  }
}).listen(port, () => {
  console.log(`Demo app ${appUrl.origin}/ listening on port ${port} (Keycloak at ${settings.keycloakUrl})`);
});

function send(response, type, body) {
  response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  response.end(body);
}
