package no.carepath.competence;

/**
 * One competence of the catalogue ({@code processes/competence/catalogue.json}).
 *
 * @param validityMonths how long a holding lasts by default, when it {@code expires}
 */
public record Competence(String code, String name, String description, boolean expires, Integer validityMonths) {
}
