(function () {
  // The realm's branding ({api}/public/branding.css: the admin console's Lanyard tab, else the server's LANYARD_*
  // variables), loaded before the page first paints: its colours apply by themselves, the product name and logo
  // are read from its custom properties once the header exists.
  var realm = /^(.*?\/realms\/[^/]+)\//.exec(window.location.pathname);
  var branding = null;
  if (realm) {
    branding = document.createElement('link');
    branding.rel = 'stylesheet';
    branding.href = realm[1] + '/api/public/branding.css';
    branding.setAttribute('blocking', 'render');
    document.head.appendChild(branding);
  }

  function setting(name) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value ? value.slice(1, -1).replace(/\\(.)/g, '$1') : null;
  }

  function applyNameAndLogo() {
    var brand = document.querySelector('.lanyard-brand');
    if (!brand) {
      return;
    }
    var productName = setting('--lanyard-product-name');
    if (productName) {
      brand.textContent = productName;
    }
    var logoUrl = setting('--lanyard-logo-url');
    if (logoUrl && !document.querySelector('img.lanyard-logo')) {
      // Decorative: the product name beside it says the same to a screen reader.
      var logo = document.createElement('img');
      logo.className = 'lanyard-logo';
      logo.src = logoUrl;
      logo.alt = '';
      brand.parentNode.insertBefore(logo, brand);
    }
  }

  if (branding) {
    branding.addEventListener('load', function () {
      if (document.readyState !== 'loading') {
        applyNameAndLogo();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    applyNameAndLogo();

    // keycloak.v2 shows the username of a login in progress in a read-only field (id kc-attempted-username) whose
    // label points at "username", a field that page does not have: screen readers then read it unlabelled.
    var shown = document.getElementById('kc-attempted-username');
    var label = document.querySelector('label[for="username"]');
    if (shown && label && !document.getElementById('username')) {
      label.htmlFor = shown.id;
    }
  });
})();
