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

// 3. Camunda Forms (form-js 1.8) has no translations: its few words of its own (validation messages,
//    "Select", "Search") are put into Norwegian here, as they appear. Labels and texts of the forms
//    themselves are written in Norwegian in forms/.
const FORM_JS_TEXTS = [
  [/^Field is required\.$/, "Feltet må fylles ut."],
  [/^Value is not a number\.$/, "Verdien er ikke et tall."],
  [/^Field must have minimum length of (\d+)\.$/, "Feltet må ha minst $1 tegn."],
  [/^Field must have maximum length of (\d+)\.$/, "Feltet kan ha høyst $1 tegn."],
  [/^Field must have minimum value of (.+)\.$/, "Verdien må være minst $1."],
  [/^Field must have maximum value of (.+)\.$/, "Verdien kan være høyst $1."],
  [/^Field must match pattern (.+)\.$/, "Feltet må ha formen $1."],
  [/^Field must be a valid email\.$/, "Feltet må være en gyldig e-postadresse."],
  [/^Field must be a valid {1,2}international phone number\. \(e\.g\. (.+)\)$/, "Feltet må være et gyldig telefonnummer (for eksempel $1)."],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, "Velg en gyldig verdi; de to nærmeste er $1 og $2."],
  [/^Select$/, "Velg"],
  [/^Search$/, "Søk"]
];

function norwegian(text) {
  const trimmed = text.trim();
  for (const [pattern, replacement] of FORM_JS_TEXTS) {
    if (pattern.test(trimmed)) {
      return text.replace(trimmed, trimmed.replace(pattern, replacement));
    }
  }
  return null;
}

function translateFormJs(root) {
  if (!root || !root.querySelectorAll) {
    return;
  }
  const forms = root.closest && root.closest(".fjs-container") ? [root] : root.querySelectorAll(".fjs-container");
  forms.forEach((form) => {
    const walker = document.createTreeWalker(form, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const translated = norwegian(node.nodeValue);
      if (translated !== null && translated !== node.nodeValue) {
        node.nodeValue = translated;
      }
    }
    form.querySelectorAll("input[placeholder]").forEach((input) => {
      const translated = norwegian(input.getAttribute("placeholder"));
      if (translated !== null) {
        input.setAttribute("placeholder", translated);
      }
    });
  });
}

const formJsObserver = new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    const target = mutation.target.nodeType === Node.TEXT_NODE ? mutation.target.parentElement : mutation.target;
    if (target && target.closest && target.closest(".fjs-container")) {
      translateFormJs(target.closest(".fjs-container"));
    } else {
      mutation.addedNodes.forEach((node) => node.nodeType === Node.ELEMENT_NODE && translateFormJs(node));
    }
  }
});
formJsObserver.observe(document, { childList: true, subtree: true, characterData: true });

// 4. In the Tasklist, an open task offers two links in the task column's header: «Meld avvik fra oppgaven»
//    (Carepath's report page with the task as its context: the municipality, where in the pathway and the
//    patient) and «Kompetanse og overlevering» (what the task requires, who could take it, and the way out
//    when one lacks the competence: hand it on, or take it under supervision).
const TASK_LINKS = [
  { id: "carepath-report-avvik", text: "Meld avvik fra oppgaven", href: (task) => "/app/incidents/new?task=" + task },
  { id: "carepath-task-competence", text: "Kompetanse og overlevering", href: (task) => "/app/tasks/" + task + "/competence" },
];

function taskLinks() {
  if (!window.location.pathname.includes("/tasklist/")) {
    return;
  }
  const match = window.location.hash.match(/[?&]task=([^&]+)/);
  const header = document.querySelector("section.task-details > header");
  for (const definition of TASK_LINKS) {
    let link = document.getElementById(definition.id);
    if (!match || !header) {
      if (link) {
        link.remove();
      }
      continue;
    }
    if (!link || link.parentElement !== header) {
      if (link) {
        link.remove();
      }
      link = document.createElement("a");
      link.id = definition.id;
      link.className = "carepath-task-link " + definition.id;
      link.textContent = definition.text;
      header.appendChild(link);
    }
    const href = definition.href(encodeURIComponent(decodeURIComponent(match[1])));
    if (link.getAttribute("href") !== href) {
      link.setAttribute("href", href);
    }
  }
}
window.addEventListener("hashchange", taskLinks);
new MutationObserver(taskLinks).observe(document, { childList: true, subtree: true });

// 5. The webapps' error notices show the server's Norwegian message, but as the webapps pass it on: prefixed by
//    the chain of data it failed to load ("<task> <- ") and ending in the English words Carepath adds for the
//    webapps to recognise a vanished task or a suspended process (security.EngineErrors: "(No matching task)",
//    "(is suspended)"). The webapps have read them by the time the notice is shown; the person gets the message only.
const NOTICE_PREFIX = /^(?:\s*<[^<>]+>\s*<-\s*)+/;
const NOTICE_MARKERS = /\s*\((?:No matching task|is suspended)\)\s*$/;

function cleanNotices() {
  document.querySelectorAll(".notifications .message").forEach((message) => {
    const text = message.textContent;
    const clean = text.replace(NOTICE_PREFIX, "").replace(NOTICE_MARKERS, "");
    if (clean !== text) {
      message.textContent = clean;
    }
  });
}
new MutationObserver(cleanNotices).observe(document, { childList: true, subtree: true, characterData: true });

export default [];
