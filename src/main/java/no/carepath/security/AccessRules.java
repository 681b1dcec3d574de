package no.carepath.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Turns {@link AccessModel#RULES} into Spring Security's request authorization, in the model's order. */
final class AccessRules {

  private AccessRules() {
  }

  static void apply(
      AuthorizeHttpRequestsConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>
          .AuthorizationManagerRequestMatcherRegistry requests) {
    for (AccessModel.Rule rule : AccessModel.RULES) {
      List<RequestMatcher> matchers = new ArrayList<>();
      for (String pattern : rule.patterns()) {
        if (rule.methods().isEmpty()) {
          matchers.add(PathPatternRequestMatcher.withDefaults().matcher(pattern));
        } else {
          for (HttpMethod method : rule.methods()) {
            matchers.add(PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
          }
        }
      }
      var authorized = requests.requestMatchers(matchers.toArray(RequestMatcher[]::new));
      if (rule.isPublic()) {
        authorized.permitAll();
      } else if (rule.isDenied()) {
        authorized.denyAll();
      } else {
        authorized.hasAnyAuthority(rule.groups().stream().map(CarepathGroups::authority).toArray(String[]::new));
      }
    }
  }
}
