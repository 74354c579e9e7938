// The web questionnaire of kadermodel serve. Plain JavaScript, no build step, no CDN.
// State (the answers so far) lives in localStorage only; every request carries it whole,
// the server keeps nothing. An answer "weet niet" is sent as the value "weet niet": the
// fact then counts as unknown and is not asked again.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  let kader = null; // {id, title}
  let state = null; // {gemeente, peildatum, answers: {fact: value|null}, order: [fact]}
  let current = null; // the question on screen
  let previous = {}; // answers taken back with "terug", shown as the earlier choice
  let busy = false;
  let ended = false; // the questionnaire ran out of questions (not stopped by the person)

  const storageKey = () => "kadermodel.vragenlijst." + kader.id;

  function save() {
    localStorage.setItem(storageKey(), JSON.stringify(state));
  }

  function load() {
    try {
      const text = localStorage.getItem(storageKey());
      const data = text ? JSON.parse(text) : null;
      if (data && data.answers && Array.isArray(data.order)) return data;
    } catch (e) {
      /* a damaged entry is ignored */
    }
    return null;
  }

  function factsDocument() {
    const feiten = {};
    for (const name of state.order) {
      const value = state.answers[name];
      feiten[name] = value === null ? "weet niet" : value;
    }
    const doc = { feiten: feiten };
    if (state.gemeente) doc.gemeente = state.gemeente;
    if (state.peildatum) doc.peildatum = state.peildatum;
    return doc;
  }

  function showError(message) {
    const box = $("fout");
    box.textContent = "";
    if (!message) {
      box.hidden = true;
      return;
    }
    const pre = document.createElement("pre");
    pre.textContent = message;
    box.appendChild(pre);
    box.hidden = false;
    box.focus();
  }

  async function post(path, body, asText) {
    const response = await fetch("/kaders/" + encodeURIComponent(kader.id) + path, {
      method: "POST",
      headers: { "Content-Type": typeof body === "string" ? "application/yaml" : "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    if (!response.ok) {
      let message = "Er ging iets mis (HTTP " + response.status + ").";
      try {
        message = (await response.json()).error.message;
      } catch (e) {
        /* keep the general message */
      }
      throw new Error(message);
    }
    return asText ? response.text() : response.json();
  }

  function show(section) {
    for (const id of ["start", "vraag", "klaar"]) $(id).hidden = id !== section;
    $("voortgang").hidden = section === "start";
  }

  function renderProgress(themas) {
    const list = $("themas");
    list.textContent = "";
    for (const thema of themas) {
      const item = document.createElement("li");
      item.className = "thema";
      item.dataset.thema = thema.id;
      item.dataset.low = thema.plateau.low;
      item.dataset.high = thema.plateau.high;
      const title = document.createElement("span");
      title.className = "thema-titel";
      title.textContent = thema.title;
      const range = document.createElement("span");
      range.className = "thema-stand";
      const low = thema.plateau.low;
      const high = thema.plateau.high;
      let words;
      if (thema.plateau.decided) {
        words = low === 0 ? "basisniveau (nog) niet bereikt" : "plateau " + low + " van " + thema.top;
      } else {
        words = (low === 0 ? "basisniveau nog niet zeker bereikt" : "minimaal plateau " + low) +
          ", mogelijk plateau " + high + " (van " + thema.top + ")";
      }
      range.textContent = words;
      // Per plateau what is in place ("basisniveau bereikt; 2 van de 3 aanvullende
      // bouwstenen gerealiseerd"), worded by the server.
      const progress = document.createElement("span");
      progress.className = "thema-voortgang";
      progress.textContent = thema.progress_text || "";
      const bar = document.createElement("span");
      bar.className = "balk";
      bar.setAttribute("aria-hidden", "true");
      const sure = document.createElement("span");
      sure.className = "zeker";
      sure.style.width = (100 * thema.plateau.low) / thema.top + "%";
      const open = document.createElement("span");
      open.className = "open";
      open.style.width = (100 * (thema.plateau.high - thema.plateau.low)) / thema.top + "%";
      bar.append(sure, open);
      item.append(title, range, progress, bar);
      list.appendChild(item);
    }
  }

  function answerButton(label, value, chosen) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "antwoord";
    button.textContent = label;
    if (chosen) {
      button.setAttribute("aria-pressed", "true");
      button.title = "Uw eerdere antwoord";
    }
    button.addEventListener("click", () => answer(value));
    return button;
  }

  function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function renderQuestion(question) {
    current = question;
    const box = $("antwoorden");
    box.textContent = "";
    $("vraag").dataset.fact = question.fact;
    $("vraag").dataset.kind = question.type.kind;
    $("teller").textContent =
      "Vraag " + (state.order.length + 1) + " · " + state.order.length + " beantwoord";
    $("vraag-tekst").textContent = question.question;
    const note = $("vraag-toelichting");
    note.textContent = question.explanation || "";
    note.hidden = !question.explanation;
    $("waarom-tekst").textContent = "";
    for (const line of question.why.split("\n")) {
      const p = document.createElement("p");
      p.textContent = line;
      $("waarom-tekst").appendChild(p);
    }
    $("waarom").open = false;
    const before = Object.prototype.hasOwnProperty.call(previous, question.fact)
      ? previous[question.fact]
      : undefined;
    const kind = question.type.kind;
    if (kind === "ja_nee" || kind === "keuze") {
      for (const option of question.options) {
        box.appendChild(answerButton(option.label, option.value, sameValue(before, option.value)));
      }
    } else {
      const form = document.createElement("form");
      form.className = "invoer";
      const label = document.createElement("label");
      label.textContent = "Uw antwoord (" + question.expected + ")";
      let read;
      if (kind === "verzameling") {
        const group = document.createElement("fieldset");
        const legend = document.createElement("legend");
        legend.textContent = "Kies wat van toepassing is (ook niets kiezen kan)";
        group.appendChild(legend);
        const boxes = [];
        for (const option of question.options) {
          const row = document.createElement("label");
          row.className = "keuzevak";
          const check = document.createElement("input");
          check.type = "checkbox";
          check.value = option.value;
          check.checked = Array.isArray(before) && before.includes(option.value);
          boxes.push(check);
          row.append(check, " " + option.label);
          group.appendChild(row);
        }
        form.appendChild(group);
        read = () => boxes.filter((b) => b.checked).map((b) => b.value);
      } else {
        const input = document.createElement("input");
        input.id = "invoer";
        label.htmlFor = "invoer";
        if (kind === "aantal") {
          input.type = "number";
          input.min = "0";
          input.step = "1";
          input.inputMode = "numeric";
        } else {
          input.type = "date";
        }
        input.required = true;
        if (before !== undefined && before !== null) input.value = String(before);
        form.append(label, input);
        read = () => {
          const text = input.value.trim();
          if (kind === "aantal") {
            if (!/^\d+$/.test(text)) {
              showError("Vul een geheel getal van 0 of meer in.");
              return undefined;
            }
            return parseInt(text, 10);
          }
          if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
            showError("Vul een datum in (dag, maand en jaar).");
            return undefined;
          }
          return text;
        };
      }
      const next = document.createElement("button");
      next.type = "submit";
      next.className = "antwoord";
      next.textContent = "Volgende";
      form.appendChild(next);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const value = read();
        if (value !== undefined) answer(value);
      });
      box.appendChild(form);
    }
    box.appendChild(answerButton("weet niet", null, before === null));
    $("terug").disabled = state.order.length === 0;
    show("vraag");
    $("vraag-tekst").focus();
  }

  async function step() {
    busy = true;
    try {
      const next = await post("/next-question", factsDocument());
      showError("");
      renderProgress(next.themas);
      ended = !next.question;
      if (next.question) renderQuestion(next.question);
      else await finish(next.decided);
    } catch (error) {
      showError(error.message);
    } finally {
      busy = false;
    }
  }

  function answer(value) {
    if (busy || !current) return;
    state.answers[current.fact] = value;
    if (!state.order.includes(current.fact)) state.order.push(current.fact);
    delete previous[current.fact];
    save();
    step();
  }

  function back() {
    if (busy || state.order.length === 0) return;
    const fact = state.order.pop();
    previous[fact] = state.answers[fact];
    delete state.answers[fact];
    save();
    step();
  }

  async function finish(decided) {
    current = null;
    $("klaar-tekst").textContent = decided
      ? "Alle thema's zijn bepaald. Hieronder staat het rapport."
      : "Er zijn geen vragen meer die de uitkomst nog kunnen veranderen; sommige thema's " +
        "blijven een bereik omdat antwoorden onbekend zijn. Hieronder staat het rapport.";
    const html = await post("/report", factsDocument(), true);
    $("rapport").srcdoc = html;
    show("klaar");
    $("klaar-kop").focus();
  }

  async function stopNow() {
    if (busy) return;
    busy = true;
    try {
      const next = await post("/next-question", factsDocument());
      renderProgress(next.themas);
      await finish(next.decided);
    } catch (error) {
      showError(error.message);
    } finally {
      busy = false;
    }
  }

  function download(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function fileName(extension) {
    const base = (state.gemeente || "feiten").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return (base.replace(/^-+|-+$/g, "") || "feiten") + extension;
  }

  async function downloadFacts() {
    try {
      download(await post("/facts-file", factsDocument(), true), fileName(".yaml"), "application/yaml");
    } catch (error) {
      showError(error.message);
    }
  }

  async function downloadReport() {
    try {
      download(await post("/report", factsDocument(), true), fileName(".html"), "text/html");
    } catch (error) {
      showError(error.message);
    }
  }

  async function upload(event) {
    const file = event.target.files[0];
    if (!file) return;
    try {
      const facts = await post("/facts", await file.text());
      const answers = {};
      const order = [];
      for (const [name, value] of Object.entries(facts.feiten)) {
        answers[name] = value;
        order.push(name);
      }
      for (const name of facts.dont_know) {
        answers[name] = null;
        order.push(name);
      }
      state = {
        gemeente: facts.gemeente || $("gemeente").value.trim(),
        peildatum: facts.peildatum || $("peildatum").value,
        answers: answers,
        order: order,
      };
      previous = {};
      save();
      await step();
    } catch (error) {
      showError("Dit feitenbestand kan niet worden ingelezen:\n" + error.message);
    } finally {
      event.target.value = "";
    }
  }

  function start(event) {
    event.preventDefault();
    state = {
      gemeente: $("gemeente").value.trim(),
      peildatum: $("peildatum").value,
      answers: {},
      order: [],
    };
    previous = {};
    save();
    step();
  }

  function restart() {
    if (!window.confirm("Alle antwoorden in deze browser wissen en opnieuw beginnen?")) return;
    localStorage.removeItem(storageKey());
    state = null;
    previous = {};
    show("start");
  }

  function shortcut(event) {
    if (!current || $("vraag").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    if (current.type.kind === "ja_nee" && event.key === "j") answer(true);
    else if (current.type.kind === "ja_nee" && event.key === "n") answer(false);
    else if (event.key === "w") answer(null);
    else if (event.key === "t") back();
  }

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  async function init() {
    const wanted = new URLSearchParams(window.location.search).get("kader");
    try {
      const response = await fetch("/kaders");
      const kaders = (await response.json()).kaders;
      kader = kaders.find((k) => k.id === wanted) || kaders[0];
    } catch (error) {
      showError("De server is niet bereikbaar.");
      return;
    }
    $("kader-titel").textContent = kader.title;
    $("peildatum").value = today();
    $("start-form").addEventListener("submit", start);
    $("upload").addEventListener("change", upload);
    $("terug").addEventListener("click", back);
    $("naar-uitkomst").addEventListener("click", stopNow);
    $("verder").addEventListener("click", () => (ended ? back() : step()));
    $("opnieuw").addEventListener("click", restart);
    $("download-feiten").addEventListener("click", downloadFacts);
    $("download-rapport").addEventListener("click", downloadReport);
    document.addEventListener("keydown", shortcut);
    state = load();
    if (state) {
      $("gemeente").value = state.gemeente || "";
      if (state.peildatum) $("peildatum").value = state.peildatum;
      await step();
    } else {
      show("start");
      $("gemeente").focus();
    }
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", init);
})();
