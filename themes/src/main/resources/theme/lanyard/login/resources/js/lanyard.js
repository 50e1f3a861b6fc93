(function () {
  // Branding from theme.properties (meta tags): the colour at once, before the page paints; the product name and
  // logo once the header exists.
  function setting(name) {
    var meta = document.querySelector('meta[name="lanyard-' + name + '"]');
    var value = meta ? meta.content : 'none';
    try {
      value = decodeURIComponent(value);
    } catch (malformed) {
      // A stray "%": the value as written.
    }
    return value && value !== 'none' ? value : null;
  }
  var productName = setting('product-name');
  var logoUrl = setting('logo-url');
  var primaryColor = setting('primary-color');

  if (primaryColor) {
    // PatternFly's buttons, links and focus rings and keycloak.v2's card edge derive from these; CSS ignores a
    // colour it cannot read.
    var root = document.documentElement.style;
    ['--pf-v5-global--primary-color--100', '--pf-v5-global--primary-color--200', '--pf-v5-global--link--Color',
      '--pf-v5-global--link--Color--hover', '--keycloak-card-top-color'].forEach(function (variable) {
      root.setProperty(variable, primaryColor);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var brand = document.querySelector('.lanyard-brand');
    if (brand && productName) {
      brand.textContent = productName;
    }
    if (brand && logoUrl) {
      // Decorative: the product name beside it says the same to a screen reader.
      var logo = document.createElement('img');
      logo.className = 'lanyard-logo';
      logo.src = logoUrl;
      logo.alt = '';
      brand.parentNode.insertBefore(logo, brand);
    }

    // keycloak.v2 shows the username of a login in progress in a read-only field (id kc-attempted-username) whose
    // label points at "username", a field that page does not have: screen readers then read it unlabelled.
    var shown = document.getElementById('kc-attempted-username');
    var label = document.querySelector('label[for="username"]');
    if (shown && label && !document.getElementById('username')) {
      label.htmlFor = shown.id;
    }
  });
})();
