package no.carepath.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that renders Carepath's own browser pages ({@code /app/...}) from the templates
 * in {@code templates/} with the shared layout; {@link PageLayout} gives its pages the menu and the
 * signed-in person's name. REST controllers do not carry it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CarepathPage {
}
