'use strict';
// LANYARD (settings.js): keycloakUrl, realm, clientId, appUrl.
const api = `${LANYARD.keycloakUrl}/realms/${LANYARD.realm}/api`;
const status = document.getElementById('status');
const signIn = document.getElementById('sign-in');
const signOut = document.getElementById('sign-out');
document.getElementById('session-url').textContent = `${api}/public/session`;

// Keycloak's login page for the demo app, back to this page. The page needs only the session the login leaves
// (Keycloak's SSO cookie, which public/session reads); a real app would redeem the code on its server.
const login = new URL(`${LANYARD.keycloakUrl}/realms/${LANYARD.realm}/protocol/openid-connect/auth`);
login.search = new URLSearchParams({
  client_id: LANYARD.clientId, response_type: 'code', scope: 'openid',
  redirect_uri: `${LANYARD.appUrl}/`, state: crypto.randomUUID(),
});
signIn.href = login;

// The code and state of a login's redirect mean nothing to this page.
if (location.search) {
  history.replaceState(null, '', location.pathname);
}

async function showSession() {
  try {
    const answer = await fetch(`${api}/public/session`, { credentials: 'include' });
    const user = answer.ok ? (await answer.json()).user : null;
    status.textContent = user ? `Signed in as ${user.username}` : 'Not signed in';
    signIn.hidden = !!user;
    signOut.hidden = !user;
  } catch (error) {
    status.textContent = `Keycloak at ${LANYARD.keycloakUrl} does not answer (${error.message})`;
  }
}

// The browser sends this page's Origin, which the demo realm trusts (a web origin of its first-party app).
signOut.addEventListener('click', async () => {
  await fetch(`${api}/public/logout`, { method: 'POST', credentials: 'include' });
  await showSession();
});

showSession();
