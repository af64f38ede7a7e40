// The plan editor of `docgen serve`: CodeMirror 6 over a YAML plan, with completion and hover help from the plan's
// JSON Schema (`docgen schema`), and docgen's own messages shown at their lines (pushed by the page after each
// validation). Exposed to the page as `window.DocgenEditor`.
import { EditorView, basicSetup } from "codemirror";
import { EditorState, Compartment } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { indentWithTab } from "@codemirror/commands";
import { yamlCompletion, yamlSchemaHover } from "codemirror-json-schema/yaml";
import { stateExtensions, updateSchema } from "codemirror-json-schema";
import { hoverTooltip } from "@codemirror/view";

function create(parent, { schema, onChange }) {
  const editable = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        basicSetup,
        EditorView.lineWrapping,
        keymap.of([indentWithTab]),
        yaml(),
        yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
        hoverTooltip(yamlSchemaHover()),
        stateExtensions(schema),
        lintGutter(),
        editable.of(EditorView.editable.of(false)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && onChange) onChange(update.state.doc.toString());
        }),
        EditorView.theme({ "&": { height: "100%", fontSize: "14px" }, ".cm-scroller": { overflow: "auto" } }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    // Replace the whole text (a plan opened); not reported as an edit.
    setText(text) {
      const listener = onChange;
      onChange = null;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text },
                      effects: editable.reconfigure(EditorView.editable.of(true)) });
      onChange = listener;
    },
    // docgen's problems, each {line, column, message, severity}, shown at their lines.
    setProblems(problems) {
      const doc = view.state.doc;
      const diagnostics = problems.map((p) => {
        const line = doc.line(Math.min(Math.max(p.line || 1, 1), doc.lines));
        const from = Math.min(line.from + Math.max((p.column || 1) - 1, 0), line.to);
        return { from, to: line.to > from ? line.to : from, severity: p.severity || "error", message: p.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    setSchema(next) { updateSchema(view, next); },
    focusLine(number) {
      const line = view.state.doc.line(Math.min(Math.max(number, 1), view.state.doc.lines));
      view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      view.focus();
    },
  };
}

window.DocgenEditor = { create };
