// Carepath: the Camunda webapps log in through Keycloak (OIDC).
// 1. "Log out" goes to /logout, which ends the Keycloak session too.
// 2. Camunda's own login page cannot log anyone in here; when the app shows it (the session has
//    ended), reload the app so Spring Security sends the browser to Keycloak. A guard stops a
//    reload loop when something else is wrong (for example no access to this app).
const logoutObserver = new MutationObserver(() => {
  const item = document.querySelector("li.account li.logout");
  if (item) {
    logoutObserver.disconnect();
    const old = item.getElementsByTagName("a")[0];
    const link = old.cloneNode(true);
    link.setAttribute("href", "/logout");
    item.replaceChild(link, old);
  }
});
logoutObserver.observe(document, { childList: true, subtree: true });

function leaveCamundaLoginPage() {
  if (!window.location.hash.includes("/login")) {
    return;
  }
  const key = "carepath-sso-reload";
  const last = Number(window.sessionStorage.getItem(key) || 0);
  if (Date.now() - last > 15000) {
    window.sessionStorage.setItem(key, String(Date.now()));
    window.location.replace(window.location.pathname);
  }
}
leaveCamundaLoginPage();
window.addEventListener("hashchange", leaveCamundaLoginPage);

export default [];
