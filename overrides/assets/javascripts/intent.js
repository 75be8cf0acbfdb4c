// Lets the browser start a calculator page when the reader shows intent: a pointer resting on a
// link to it, or pressing it (hooks/intent.py puts the speculation rules, inert, in a <template>
// on the pages whose content links to a calculator). A prerendered calculator page downloads and
// starts Python, about 3 MB: never when the reader asked to save data (main.html's
// bfrSavesData) or is on a mobile network, and withdrawn if the connection becomes one of those.
(function () {
  const template = document.getElementById("bfr-intent");
  const connection = navigator.connection;
  const sparing = () => window.bfrSavesData() || Boolean(connection && connection.type === "cellular");
  if (!template || sparing()) return;
  if (!HTMLScriptElement.supports || !HTMLScriptElement.supports("speculationrules")) return;
  const rules = template.content.firstElementChild.cloneNode(true);
  document.head.append(rules);
  if (connection && connection.addEventListener) {
    // removing the rules cancels what they started
    connection.addEventListener("change", () => { if (sparing()) rules.remove(); });
  }
})();
