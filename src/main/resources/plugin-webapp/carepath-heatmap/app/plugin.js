// Carepath: a heatmap on the process diagram in Cockpit (Camunda 7 CE has none).
// Per activity: how many instances passed in the period, how many wait now, the median and 90th-percentile
// duration, and for user tasks the share overdue, over the municipalities the user may see. The figures come
// from this plugin's resource (/camunda/api/cockpit/plugin/carepath-heatmap/{engine}/activities, the same
// answer as GET /api/metrics/heatmap); nothing in them names an instance or a patient.
// Two plugin points share one state (period, versions, colour): the diagram (overlays and a small panel with
// the filter and the legend) and the tab "Varmekart" (the same figures as a table). Everything is built with
// DOM calls and CSS classes: no HTML strings, no inline style attributes.

const PLUGIN = "carepath-heatmap";
const OVERLAY = "carepath-heatmap";
const PERIODS = [30, 90, 365];
const LEVELS = 5;
const COLOUR_BY = [
  ["passed", "Passert"],
  ["waiting", "Venter nå"],
  ["median", "Median varighet"]
];
const STORAGE_KEY = "carepath-heatmap";
const NUMBER = new Intl.NumberFormat("nb-NO");

const state = Object.assign({ days: 30, allVersions: true, colourBy: "passed", visible: true }, stored());
const listeners = new Set();
/** Activity id to its name in the diagram, for the table. */
const names = new Map();
const nameListeners = new Set();
const definitions = new Map();
const answers = new Map();

function stored() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "{}");
    const valid = {};
    if (PERIODS.includes(saved.days)) valid.days = saved.days;
    if (typeof saved.allVersions === "boolean") valid.allVersions = saved.allVersions;
    if (COLOUR_BY.some(([value]) => value === saved.colourBy)) valid.colourBy = saved.colourBy;
    if (typeof saved.visible === "boolean") valid.visible = saved.visible;
    return valid;
  } catch (e) {
    return {};
  }
}

function change(changes) {
  Object.assign(state, changes);
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch (e) {
    // private mode without storage: the choice lasts until the page is left
  }
  listeners.forEach((listener) => listener());
}

// ---------------------------------------------------------------- fetching

/**
 * Where the APIs are. Cockpit hands diagram plugins an engine name taken from the whole address (7.24 leaves
 * out the app's name there), so the engine is read from the address here: /camunda/app/cockpit/{engine}/.
 */
function apiOf(api) {
  const base = document.querySelector("base");
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)/);
  const engine = match ? decodeURIComponent(match[1]) : "default";
  return {
    cockpitApi: base.getAttribute("cockpit-api").replace(/\/$/, ""),
    engineApi: base.getAttribute("engine-api") + "engine/" + encodeURIComponent(engine),
    engine,
    CSRFToken: api && api.CSRFToken
  };
}

function csrfToken(api) {
  const cookie = document.cookie.split(";").map((part) => part.trim()).find((part) => part.startsWith("XSRF-TOKEN="));
  return cookie ? decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) : api.CSRFToken;
}

async function getJson(api, url) {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-XSRF-TOKEN": csrfToken(api) }
  });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : "Kunne ikke hente tallene (" + response.status + ").");
  }
  return body;
}

/** The process definition shown (its key and version), from the engine API the webapp uses anyway. */
function definition(api, processDefinitionId) {
  if (!definitions.has(processDefinitionId)) {
    const request = getJson(api, api.engineApi + "/process-definition/" + encodeURIComponent(processDefinitionId));
    request.catch(() => definitions.delete(processDefinitionId));
    definitions.set(processDefinitionId, request);
  }
  return definitions.get(processDefinitionId);
}

/** The heatmap for the state's period and versions; one request per choice for half a minute. */
async function figures(given, processDefinitionId) {
  const api = apiOf(given);
  const shown = await definition(api, processDefinitionId);
  const params = new URLSearchParams({ process: shown.key, days: String(state.days) });
  if (!state.allVersions) {
    params.set("version", processDefinitionId);
  }
  const url = api.cockpitApi + "/plugin/" + PLUGIN + "/" + encodeURIComponent(api.engine) + "/activities?" + params;
  const cached = answers.get(url);
  if (cached && Date.now() - cached.at < 30000) {
    return { definition: shown, heatmap: await cached.request };
  }
  const request = getJson(api, url);
  answers.set(url, { at: Date.now(), request });
  request.catch(() => answers.delete(url));
  return { definition: shown, heatmap: await request };
}

// ---------------------------------------------------------------- words and numbers

function count(value) {
  return NUMBER.format(value);
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return "–";
  }
  if (seconds < 1) {
    return "under 1 s";
  }
  if (seconds < 60) {
    return Math.round(seconds) + " s";
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return minutes + " min";
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 ? hours + " t " + (minutes % 60) + " min" : hours + " t";
  }
  const days = Math.floor(hours / 24);
  return hours % 24 ? days + " døgn " + (hours % 24) + " t" : days + " døgn";
}

function share(activity) {
  return activity.overdueShare === null || activity.overdueShare === undefined
    ? "–" : NUMBER.format(Math.round(activity.overdueShare * 100)) + " %";
}

function nameOf(activity) {
  return names.get(activity.activityId) || activity.activityId;
}

function scopeText(heatmap) {
  const places = heatmap.municipalities.map((municipality) => municipality.name).join(", ");
  return places ? "Tall for " + places + ". Ingen pasientopplysninger." : "Du har ingen kommune å se tall for.";
}

function metric(activity) {
  if (state.colourBy === "median") {
    return activity.medianSeconds || 0;
  }
  return state.colourBy === "waiting" ? activity.waiting : activity.passed;
}

function metricText(value) {
  return state.colourBy === "median" ? duration(value) : count(value);
}

// ---------------------------------------------------------------- DOM

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function select(label, options, value, onChange) {
  const field = el("label", "carepath-heatmap-field");
  field.append(el("span", "carepath-heatmap-label", label));
  const input = el("select", "form-control input-sm");
  options.forEach(([optionValue, text]) => {
    const option = el("option", null, text);
    option.value = optionValue;
    input.append(option);
  });
  input.value = value;
  input.addEventListener("change", () => onChange(input.value));
  field.append(input);
  return field;
}

function controls(version) {
  const box = el("div", "carepath-heatmap-controls");
  box.append(select("Periode", PERIODS.map((days) => [String(days), "Siste " + days + " dager"]), String(state.days),
    (value) => change({ days: Number(value) })));
  box.append(select("Versjoner", [["all", "Alle versjoner"], ["this", "Denne versjonen" + (version ? " (" + version + ")" : "")]],
    state.allVersions ? "all" : "this", (value) => change({ allVersions: value === "all" })));
  box.append(select("Farge etter", COLOUR_BY, state.colourBy, (value) => change({ colourBy: value })));
  return box;
}

function legend(max) {
  const box = el("div", "carepath-heatmap-legend");
  box.append(el("span", null, "Lav"));
  for (let level = 1; level <= LEVELS; level++) {
    box.append(el("span", "carepath-heat-swatch carepath-heat-" + level));
  }
  box.append(el("span", null, max > 0 ? "Høy (" + metricText(max) + ")" : "Høy"));
  return box;
}

// ---------------------------------------------------------------- the diagram

function is(element, type) {
  return element.businessObject && element.businessObject.$instanceOf && element.businessObject.$instanceOf(type);
}

/** Tinted: what takes time (tasks, calls, waiting events); a badge: everything but gateways. */
function tinted(element) {
  return is(element, "bpmn:Task") || is(element, "bpmn:CallActivity") || is(element, "bpmn:IntermediateCatchEvent")
    || (is(element, "bpmn:SubProcess") && element.collapsed === true);
}

function tooltip(activity) {
  const lines = [nameOf(activity), "Passert: " + count(activity.passed), "Venter nå: " + count(activity.waiting)];
  if (activity.medianSeconds !== null && activity.medianSeconds !== undefined) {
    lines.push("Median: " + duration(activity.medianSeconds), "90-persentil: " + duration(activity.p90Seconds));
  }
  if (activity.overdueShare !== null && activity.overdueShare !== undefined) {
    lines.push("Forfalt: " + share(activity) + " (" + count(activity.overdue) + " av " + count(activity.withDueDate) + ")");
  }
  return lines.join("\n");
}

function badge(activity, element) {
  const box = el("div", "carepath-heat-badge");
  box.dataset.activityId = activity.activityId;
  box.title = tooltip(activity);
  box.append(el("div", null, "Passert " + count(activity.passed) + " · Venter nå " + count(activity.waiting)));
  if (tinted(element) && activity.medianSeconds !== null && activity.medianSeconds !== undefined) {
    box.append(el("div", null, "Median " + duration(activity.medianSeconds) + " · 90-persentil "
      + duration(activity.p90Seconds)));
  }
  if (activity.overdueShare !== null && activity.overdueShare !== undefined) {
    box.append(el("div", activity.overdue > 0 ? "carepath-heat-overdue" : null, "Forfalt " + share(activity)));
  }
  return box;
}

function drawOverlays(viewer, heatmap) {
  const overlays = viewer.get("overlays");
  const registry = viewer.get("elementRegistry");
  overlays.remove({ type: OVERLAY });
  if (!state.visible) {
    return 0;
  }
  const shown = heatmap.activities
    .map((activity) => ({ activity, element: registry.get(activity.activityId) }))
    .filter(({ element }) => element && !is(element, "bpmn:Gateway"));
  const max = Math.max(0, ...shown.filter(({ element }) => tinted(element)).map(({ activity }) => metric(activity)));
  shown.forEach(({ activity, element }) => {
    if (tinted(element) && max > 0 && metric(activity) > 0) {
      const level = Math.min(LEVELS, Math.max(1, Math.ceil(LEVELS * metric(activity) / max)));
      const tint = el("div", "carepath-heat carepath-heat-" + level + (is(element, "bpmn:Event") ? " carepath-heat-round" : ""));
      tint.dataset.activityId = activity.activityId;
      tint.style.width = element.width + "px";
      tint.style.height = element.height + "px";
      overlays.add(element.id, OVERLAY, { position: { top: 0, left: 0 }, html: tint });
    }
    overlays.add(element.id, OVERLAY, { position: { top: -4, left: 0 }, html: badge(activity, element) });
  });
  return max;
}

function rememberNames(viewer) {
  viewer.get("elementRegistry").forEach((element) => {
    const businessObject = element.businessObject;
    if (businessObject && businessObject.id && businessObject.name) {
      names.set(businessObject.id, businessObject.name.replace(/\s+/g, " "));
    }
  });
  nameListeners.forEach((listener) => listener());
}

function keepToItself(element) {
  ["mousedown", "pointerdown", "click", "dblclick", "wheel", "touchstart"].forEach((type) =>
    element.addEventListener(type, (event) => event.stopPropagation()));
}

/** The definition shown: as Cockpit passes it, else from the address (#/process-definition/{id}/...). */
function shownDefinition(processDefinitionId) {
  const match = window.location.hash.match(/process-definition\/([^/?]+)/);
  return processDefinitionId || (match ? decodeURIComponent(match[1]) : null);
}

let unmountDiagram = null;

function renderDiagram(viewer, { api, processDefinitionId: given }) {
  const processDefinitionId = shownDefinition(given);
  if (unmountDiagram) {
    unmountDiagram();
  }
  rememberNames(viewer);
  const panel = el("div", "carepath-heatmap-panel");
  keepToItself(panel);
  viewer.get("canvas").getContainer().append(panel);
  let generation = 0;

  async function draw() {
    const mine = ++generation;
    panel.replaceChildren(el("div", "carepath-heatmap-title", "Varmekart"), el("div", "carepath-heatmap-note", "Henter tall …"));
    try {
      const { definition: shown, heatmap } = await figures(api, processDefinitionId);
      if (mine !== generation) {
        return;
      }
      const max = drawOverlays(viewer, heatmap);
      const title = el("div", "carepath-heatmap-title", "Varmekart");
      const toggle = el("button", "btn btn-xs btn-default carepath-heatmap-toggle", state.visible ? "Skjul" : "Vis");
      toggle.type = "button";
      toggle.addEventListener("click", () => change({ visible: !state.visible }));
      title.append(toggle);
      panel.replaceChildren(title);
      if (state.visible) {
        panel.append(controls("versjon " + shown.version), legend(max), el("div", "carepath-heatmap-note", scopeText(heatmap)));
      }
    } catch (e) {
      if (mine === generation) {
        viewer.get("overlays").remove({ type: OVERLAY });
        panel.replaceChildren(el("div", "carepath-heatmap-title", "Varmekart"),
          el("div", "carepath-heatmap-error", e.message));
      }
    }
  }

  listeners.add(draw);
  unmountDiagram = () => {
    listeners.delete(draw);
    generation++;
    panel.remove();
    try {
      viewer.get("overlays").remove({ type: OVERLAY });
    } catch (e) {
      // the viewer is already gone
    }
    unmountDiagram = null;
  };
  draw();
}

// ---------------------------------------------------------------- the tab

const COLUMNS = ["Aktivitet", "Passert", "Venter nå", "Median", "90-persentil", "Forfalt"];

function table(heatmap) {
  const rows = heatmap.activities.slice().sort((a, b) => (b.passed + b.waiting) - (a.passed + a.waiting)
    || nameOf(a).localeCompare(nameOf(b), "nb"));
  const result = el("table", "table table-striped carepath-heatmap-table");
  const head = el("tr");
  COLUMNS.forEach((column, index) => head.append(el("th", index > 0 ? "carepath-heatmap-number" : null, column)));
  const thead = el("thead");
  thead.append(head);
  result.append(thead);
  const body = el("tbody");
  rows.forEach((activity) => {
    const row = el("tr");
    row.dataset.activityId = activity.activityId;
    row.append(el("td", null, nameOf(activity)));
    [count(activity.passed), count(activity.waiting), duration(activity.medianSeconds), duration(activity.p90Seconds),
      share(activity)].forEach((text) => row.append(el("td", "carepath-heatmap-number", text)));
    body.append(row);
  });
  result.append(body);
  return result;
}

let unmountTab = null;

function renderTab(node, { api, processDefinitionId: given }) {
  const processDefinitionId = shownDefinition(given);
  if (unmountTab) {
    unmountTab();
  }
  const view = el("div", "carepath-heatmap-tab");
  node.append(view);
  let generation = 0;
  let last = null;

  function show() {
    const { definition: shown, heatmap } = last;
    const explanation = el("p", "carepath-heatmap-note", "Passert: aktiviteter som ble avsluttet i perioden. Venter nå: "
      + "åpne nå, uansett når de startet. Median og 90-persentil: varigheten til de avsluttede. Forfalt: brukeroppgaver "
      + "fullført etter fristen eller åpne forbi den, av dem som har frist. " + scopeText(heatmap));
    view.replaceChildren(controls("versjon " + shown.version), explanation,
      heatmap.activities.length ? table(heatmap) : el("p", null, "Ingen aktiviteter i perioden."));
  }

  async function draw() {
    const mine = ++generation;
    try {
      const answer = await figures(api, processDefinitionId);
      if (mine === generation) {
        last = answer;
        show();
      }
    } catch (e) {
      if (mine === generation) {
        view.replaceChildren(el("p", "carepath-heatmap-error", e.message));
      }
    }
  }

  function renamed() {
    if (last) {
      show();
    }
  }

  listeners.add(draw);
  nameListeners.add(renamed);
  unmountTab = () => {
    listeners.delete(draw);
    nameListeners.delete(renamed);
    generation++;
    view.remove();
    unmountTab = null;
  };
  draw();
}

export default [
  {
    id: "carepath-heatmap-diagram",
    pluginPoint: "cockpit.processDefinition.diagram.plugin",
    priority: 0,
    render: renderDiagram,
    unmount: () => unmountDiagram && unmountDiagram()
  },
  {
    id: "carepath-heatmap-tab",
    pluginPoint: "cockpit.processDefinition.runtime.tab",
    priority: 0,
    render: renderTab,
    unmount: () => unmountTab && unmountTab(),
    properties: { label: "Varmekart" }
  }
];
