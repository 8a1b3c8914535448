() => {
  // The page's own behaviour, run once when the app loads (rag/web/ui.py passes this file to Gradio):
  // opening an article in the side panel and a name's page in the 人物·地点 tab, copying an answer as plain text,
  // keeping citation pop-ups inside the window, and scrolling the side panel to the cited passage.
  const READ = "#read:";
  const ENTITY = "#entity:";
  const PHONE = 640;

  // A card, 阅读全文 or name link carries what to open in its href; a hidden field and button hand it to Python.
  function handOver(field, button, ref) {
    const box = document.querySelector(`${field} textarea, ${field} input`);
    const go = document.querySelector(button);
    if (!box || !go) return;
    box.value = ref;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    go.click();
  }

  // The answer of a chat bubble as text: the sentences (no pop-up contents) and one line per source card.
  function answerText(answer) {
    const text = answer.querySelector(".rag-text");
    const copy = text ? text.cloneNode(true) : document.createElement("div");
    copy.querySelectorAll(".rag-pop").forEach((pop) => pop.remove());
    copy.querySelectorAll("br").forEach((br) => br.replaceWith("\n"));
    const lines = [copy.textContent.trim()];
    const cards = answer.querySelectorAll(".rag-card");
    if (cards.length) {
      lines.push("", answer.querySelector(".rag-cards-h")?.textContent || "来源");
      cards.forEach((card) => {
        const part = (sel) => card.querySelector(sel)?.textContent.trim() || "";
        lines.push(`${part(".rag-card-n")} ${part(".rag-card-t")}（${part(".rag-card-m")}）`);
      });
    }
    return lines.join("\n");
  }

  function copyAnswer(button, answer) {
    const text = answerText(answer);
    const done = () => {
      button.setAttribute("title", "已复制");
      button.classList.add("rag-copied");
      setTimeout(() => button.classList.remove("rag-copied"), 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {  // plain http on the newsroom network: the old way still works
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  }

  // Gradio's copy button under an answer would copy its HTML; copy the text staff read instead.
  function answerOfCopyButton(target) {
    const button = target.closest("button");
    if (!button || !button.closest(".message-buttons")) return null;
    const label = button.getAttribute("aria-label") || "";
    if (!["复制", "已复制", "Copy message", "Copied message"].includes(label)) return null;
    let row = button.closest(".message-buttons");
    while (row && !row.classList.contains("message-row")) row = row.previousElementSibling;
    const answer = row && row.querySelector(".rag-answer");
    return answer ? [button, answer] : null;
  }

  document.addEventListener("click", (ev) => {
    const link = ev.target.closest(`a[href^="${READ}"], a[href^="${ENTITY}"]`);
    if (link) {
      ev.preventDefault();
      ev.stopPropagation();
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      const ref = link.getAttribute("href");
      if (ref.startsWith(READ)) handOver("#open-ref", "#open-ref-btn", ref);
      else handOver("#open-name", "#open-name-btn", ref);
      return;
    }
    const found = answerOfCopyButton(ev.target);
    if (found) {
      ev.preventDefault();
      ev.stopPropagation();
      copyAnswer(found[0], found[1]);
    }
  }, true);

  // Citation pop-ups: shown by CSS on hover or focus, placed here so that they never leave the window.
  function place(cite) {
    const pop = cite.querySelector(".rag-pop");
    if (!pop) return;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    pop.style.position = "fixed";
    pop.style.maxHeight = `${Math.floor(vh * (vw < PHONE ? 0.6 : 0.7))}px`;
    if (vw < PHONE) {  // a sheet along the bottom of a phone screen
      pop.style.left = "8px";
      pop.style.width = `${vw - 16}px`;
      pop.style.top = "auto";
      pop.style.bottom = "8px";
      return;
    }
    const width = Math.min(420, vw - 16);
    pop.style.width = `${width}px`;
    pop.style.bottom = "auto";
    const at = cite.getBoundingClientRect();
    const left = Math.max(8, Math.min(at.left, vw - width - 8));
    pop.style.left = `${left}px`;
    pop.style.top = "0px";
    const height = pop.getBoundingClientRect().height;
    let top = at.bottom + 6;
    if (top + height > vh - 8) top = at.top - height - 6;  // no room below: above the marker
    pop.style.top = `${Math.max(8, Math.min(top, vh - height - 8))}px`;
  }
  const onCite = (ev) => {
    const cite = ev.target.closest && ev.target.closest(".rag-cite");
    if (cite) requestAnimationFrame(() => place(cite));
  };
  document.addEventListener("mouseover", onCite);
  document.addEventListener("focusin", onCite);
  document.addEventListener("keydown", (ev) => {  // Escape closes an open pop-up
    const open = document.activeElement;
    if (ev.key === "Escape" && open && open.classList && open.classList.contains("rag-cite")) open.blur();
  });
  document.addEventListener("scroll", () => {  // a fixed pop-up would stay behind while its marker scrolls away
    const open = document.activeElement;
    if (open && open.classList && open.classList.contains("rag-cite")) open.blur();
  }, true);

  // Files over the upload limit are stopped here, with the reason in Chinese (the server would refuse them with an
  // English message). The limit comes from the page's head (window.RAG_MAX_UPLOAD_MB, rag/web/ui.py).
  const limitMb = window.RAG_MAX_UPLOAD_MB || 50;
  function checkSizes(ev, files, box) {
    const big = [...(files || [])].filter((f) => f.size > limitMb * 1024 * 1024).map((f) => f.name);
    let note = document.querySelector(".rag-upload-warn");
    if (!big.length) {
      if (note) note.remove();
      return;
    }
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (ev.target.value !== undefined && ev.target.type === "file") ev.target.value = "";
    if (!note) {
      note = document.createElement("div");
      note.className = "rag-notice rag-warn rag-upload-warn";
      (box.closest(".row") || box).after(note);  // under the upload row, not squeezed into it
    }
    note.textContent = `${big.join("、")}：文件超过 ${limitMb} MB 的上限，没有上传。请把报纸按期分成几个文件再上传。`;
  }
  document.addEventListener("change", (ev) => {
    const box = ev.target.closest && ev.target.closest("#upload");
    if (box && ev.target.type === "file") checkSizes(ev, ev.target.files, box);
  }, true);
  document.addEventListener("drop", (ev) => {
    const box = ev.target.closest && ev.target.closest("#upload");
    if (box && ev.dataTransfer) checkSizes(ev, ev.dataTransfer.files, box);
  }, true);

  // A briefing just made (or reopened) is brought into view when it lies below the fold: on a phone the form
  // fills the screen and the preview would come in unseen.
  const watchBrief = () => {
    const view = document.querySelector("#brief-view");
    if (!view) return setTimeout(watchBrief, 300);
    let shown = null;
    new MutationObserver(() => {
      const brief = view.querySelector(".rag-brief");
      if (!brief || brief === shown) return;
      shown = brief;
      const top = brief.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.6) brief.scrollIntoView({ block: "start", behavior: "smooth" });
    }).observe(view, { childList: true, subtree: true });
  };
  watchBrief();

  // A question just asked is brought to the top of the chat, and its answer grows below it: the chat does not
  // follow the answer down (on a phone a long answer would push the question and the answer's start out of view).
  // The question is held there as its answer comes in (until then there may be too little below it to scroll it
  // up), unless the reader scrolls the chat themselves.
  const watchChat = () => {
    const chat = document.querySelector("#chatbot");
    if (!chat) return setTimeout(watchChat, 300);
    let asked = chat.querySelectorAll(".user-row").length;
    let held = false;
    const release = () => { held = false; };
    ["wheel", "touchstart", "keydown"].forEach((kind) => chat.addEventListener(kind, release, { passive: true }));
    new MutationObserver(() => {
      // (Gradio's button back to the newest message is labelled in English only)
      chat.querySelectorAll('button[title="Scroll down"], button[aria-label="Scroll down"]').forEach((b) => {
        b.title = "回到最新";
        b.setAttribute("aria-label", "回到最新");
      });
      const rows = chat.querySelectorAll(".user-row");
      if (rows.length > asked) held = true;
      asked = rows.length;
      const row = rows[rows.length - 1];
      if (!held || !row) return;
      const box = row.closest(".bubble-wrap") || row.parentElement;
      const up = row.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
      if (up > 1) box.scrollTop += up;
    }).observe(chat, { childList: true, subtree: true, characterData: true });
  };
  watchChat();

  // The side panel scrolls to the cited passage whenever it shows a new article.
  const watch = () => {
    const panel = document.querySelector("#article-panel");
    if (!panel) return setTimeout(watch, 300);
    new MutationObserver(() => {
      const hit = panel.querySelector("#rag-hit");
      if (hit) setTimeout(() => hit.scrollIntoView({ block: "center" }), 350);  // after the panel slides in
    }).observe(panel, { childList: true, subtree: true });
  };
  watch();
}
