// keycloak.v2 shows the username of a login in progress in a read-only field (id kc-attempted-username) whose
// label points at "username", a field that page does not have: screen readers then read it unlabelled.
document.addEventListener('DOMContentLoaded', function () {
  var shown = document.getElementById('kc-attempted-username');
  var label = document.querySelector('label[for="username"]');
  if (shown && label && !document.getElementById('username')) {
    label.htmlFor = shown.id;
  }
});
