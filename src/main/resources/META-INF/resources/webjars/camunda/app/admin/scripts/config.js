// Carepath's settings shared by every webapp: Norwegian, Norwegian dates (app/carepath/config.js).
import carepath from "../../carepath/config.js";

export default {
  ...carepath
};
