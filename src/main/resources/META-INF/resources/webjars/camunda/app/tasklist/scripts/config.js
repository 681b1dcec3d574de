// Carepath's settings shared by every webapp: Norwegian, Norwegian dates (app/carepath/config.js),
// and the Tasklist's keyboard shortcuts described in Norwegian.
import carepath from "../../carepath/config.js";

export default {
  ...carepath,
  shortcuts: {
    claimTask: {key: "ctrl+alt+c", description: "tar den valgte oppgaven"},
    focusFilter: {key: "ctrl+shift+f", description: "går til det første filteret i listen"},
    focusList: {key: "ctrl+alt+l", description: "går til den første oppgaven i listen"},
    focusForm: {key: "ctrl+alt+f", description: "går til det første feltet i skjemaet"},
    startProcess: {key: "ctrl+alt+p", description: "åpner dialogen for å starte en prosess"}
  }
};
