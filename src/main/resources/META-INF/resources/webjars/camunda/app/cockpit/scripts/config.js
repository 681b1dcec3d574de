// Carepath: the webapp in Norwegian bokmål (locales/nb.json, written for Carepath: no maintained
// Norwegian translation of the Camunda 7 webapps exists), with Norwegian dates (dd.mm.åååå, Monday
// first, 24-hour clock). English is not offered: every text is in the Norwegian file.
export default {
  locales: {
    availableLocales: ["nb"],
    fallbackLocale: "nb"
  },
  dateFormat: {
    monthName: "MMMM",
    day: "DD",
    abbr: "D. MMM YYYY [kl.] HH:mm",
    normal: "DD.MM.YYYY [kl.] HH:mm",
    long: "dddd D. MMMM YYYY [kl.] HH:mm",
    short: "DD.MM.YYYY"
  },
  csrfCookieName: "XSRF-TOKEN"
};
