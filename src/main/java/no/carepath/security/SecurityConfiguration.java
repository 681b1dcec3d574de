package no.carepath.security;

import static no.carepath.security.CarepathGroups.authority;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. (1) {@code /engine-rest/**}, {@code /api/**}, {@code /fhir/**} and the Prometheus endpoint:
 * stateless, a Keycloak bearer JWT with audience {@code carepath-api} required. (2) Everything
 * else: browser login through Keycloak (OIDC); the Camunda webapps trust it through
 * {@link WebappAuthenticationProvider}.
 *
 * <p>Matchers are {@link PathPatternRequestMatcher}s on purpose: a String
 * {@code securityMatcher("/engine-rest/**")} did not match the Jersey-served REST API on Spring
 * Boot 3.5 and let requests through unauthenticated ({@code SecurityIT} guards this).
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

  static final String WEBAPP_REGISTRATION = "keycloak";
  static final String WORKERS_REGISTRATION = "carepath-workers";

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  @Bean
  @Order(1)
  SecurityFilterChain tokenProtectedApis(HttpSecurity http, JwtDecoder jwtDecoder, IdentityService identityService,
      KnownUsers knownUsers) throws Exception {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName(GroupClaims.USERNAME_CLAIM);
    converter.setJwtGrantedAuthoritiesConverter(jwt -> groupAuthorities(GroupClaims.groups(jwt.getClaims())));

    http.securityMatcher(new OrRequestMatcher(path("/engine-rest/**"), path("/api/**"), path("/fhir/**"),
            path("/fhir"), path("/actuator/prometheus")))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(path(HttpMethod.POST, "/api/intake/applications"))
            .hasAnyAuthority(authority(CarepathGroups.SYSTEM_INTEGRATIONS), authority(CarepathGroups.ALLOCATION_OFFICE))
            .requestMatchers(path("/api/intake/**"))
            .hasAuthority(authority(CarepathGroups.SYSTEM_INTEGRATIONS))
            .requestMatchers(path("/fhir/**"), path("/fhir"))
            .hasAuthority(authority(CarepathGroups.SYSTEM_MONITORING))
            .requestMatchers(path("/api/gp/**"))
            .hasAuthority(authority(CarepathGroups.SYSTEM_MESSAGING))
            .requestMatchers(path("/api/messages/**"))
            .hasAnyAuthority(authority(CarepathGroups.SYSTEM_MESSAGING), authority(CarepathGroups.SYSTEM_HOSPITAL))
            .requestMatchers(path("/api/hospital/**"))
            .hasAuthority(authority(CarepathGroups.SYSTEM_HOSPITAL))
            .requestMatchers(path("/api/episodes/**"))
            .hasAnyAuthority(authority(CarepathGroups.HOME_FOLLOW_UP_NURSES), authority(CarepathGroups.TEAM_LEADERS))
            .requestMatchers(path("/api/cases/**"))
            .hasAnyAuthority(authority(CarepathGroups.ALLOCATION_OFFICE), authority(CarepathGroups.TEAM_LEADERS),
                authority(CarepathGroups.SYSTEM_INTEGRATIONS))
            .requestMatchers(path("/api/models/**"))
            .hasAnyAuthority(authority(CarepathGroups.PROCESS_OWNERS), authority(CarepathGroups.ADMINISTRATORS))
            .requestMatchers(path("/actuator/prometheus"))
            .hasAnyAuthority(authority(CarepathGroups.MANAGERS), authority(CarepathGroups.ADMINISTRATORS),
                authority(CarepathGroups.SYSTEM_WORKERS))
            .anyRequest().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(converter))
            .authenticationEntryPoint(ProblemResponses.unauthorized())
            .accessDeniedHandler(ProblemResponses.forbidden()))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(ProblemResponses.unauthorized())
            .accessDeniedHandler(ProblemResponses.forbidden()))
        .addFilterAfter(new EngineRestIdentityFilter(identityService), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new KnownUserFilter(knownUsers), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserLogin(HttpSecurity http, ClientRegistrationRepository registrations, KnownUsers knownUsers)
      throws Exception {
    OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
    RequestMatcher camundaApi = path("/camunda/api/**");

    http.authorizeHttpRequests(requests -> requests
            // Camunda's own password login and first-admin setup would bypass Keycloak: closed.
            .requestMatchers(path("/camunda/api/admin/auth/user/*/login/**"), path("/camunda/api/admin/setup/**"))
            .denyAll()
            .requestMatchers(path("/app/cases/**"), path("/app/cases"))
            .hasAnyAuthority(authority(CarepathGroups.ALLOCATION_OFFICE), authority(CarepathGroups.TEAM_LEADERS))
            .requestMatchers(path("/app/episodes/**"), path("/app/episodes"))
            .hasAnyAuthority(authority(CarepathGroups.HOME_FOLLOW_UP_NURSES), authority(CarepathGroups.TEAM_LEADERS))
            .requestMatchers(path("/app/stays/**"), path("/app/stays"))
            .hasAnyAuthority(authority(CarepathGroups.ALLOCATION_OFFICE), authority(CarepathGroups.HOME_FOLLOW_UP_NURSES),
                authority(CarepathGroups.TEAM_LEADERS), authority(CarepathGroups.MANAGERS))
            .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/actuator/info"),
                path("/"), path("/error"), path("/favicon.ico"))
            .permitAll()
            .requestMatchers(path("/actuator/**")).denyAll()
            .anyRequest().authenticated())
        .oauth2Login(login -> login.userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(oidcGroupAuthorities())))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(path(HttpMethod.GET, "/logout"), path(HttpMethod.POST, "/logout")))
            .logoutSuccessHandler(logoutSuccess))
        // Camunda's webapps bring their own CSRF protection (X-XSRF-TOKEN) for their API
        .csrf(csrf -> csrf.ignoringRequestMatchers(camundaApi))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), camundaApi))
        .addFilterAfter(new KnownUserFilter(knownUsers), AuthorizationFilter.class);
    return http.build();
  }

  /** Camunda webapps: trust the Spring Security login (after Spring's filter chain). */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("carepathWebappAuthentication");
    registration.setInitParameters(Map.of("authentication-provider", WebappAuthenticationProvider.class.getName()));
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** Keycloak's keys are fetched on first use, so the application can start before Keycloak answers. */
  @Bean
  JwtDecoder jwtDecoder(IdentityProperties identity, Clock clock) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(identity.endpoint("certs")).build();
    OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(identity.audience())
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
            "The token is not meant for " + identity.audience(), null));
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(identity.issuer()), audience));
    return new VerifiedTokens(decoder, clock);
  }

  /** Explicit endpoints instead of issuer discovery: no call to Keycloak while the application starts. */
  @Bean
  ClientRegistrationRepository clientRegistrations(IdentityProperties identity) {
    ClientRegistration webapp = ClientRegistration.withRegistrationId(WEBAPP_REGISTRATION)
        .clientName("Keycloak")
        .clientId(identity.webappClientId())
        .clientSecret(identity.webappClientSecret())
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope("openid", "profile", "email")
        .issuerUri(identity.issuer())
        .authorizationUri(identity.endpoint("auth"))
        .tokenUri(identity.endpoint("token"))
        .jwkSetUri(identity.endpoint("certs"))
        .userInfoUri(identity.endpoint("userinfo"))
        .userNameAttributeName(GroupClaims.USERNAME_CLAIM)
        .providerConfigurationMetadata(Map.of("end_session_endpoint", identity.endpoint("logout")))
        .build();
    ClientRegistration workers = ClientRegistration.withRegistrationId(WORKERS_REGISTRATION)
        .clientId(identity.workersClientId())
        .clientSecret(identity.workersClientSecret())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenUri(identity.endpoint("token"))
        .issuerUri(identity.issuer())
        .build();
    return new InMemoryClientRegistrationRepository(webapp, workers);
  }

  @Bean
  OAuth2AuthorizedClientService authorizedClientService(ClientRegistrationRepository registrations) {
    return new InMemoryOAuth2AuthorizedClientService(registrations);
  }

  /** Client-credentials tokens for the workers, cached and renewed before they expire. */
  @Bean
  OAuth2AuthorizedClientManager serviceAccountTokens(ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService clients) {
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    return manager;
  }

  private static GrantedAuthoritiesMapper oidcGroupAuthorities() {
    return authorities -> {
      Set<GrantedAuthority> mapped = new HashSet<>(authorities);
      for (GrantedAuthority authority : authorities) {
        if (authority instanceof OidcUserAuthority oidc) {
          mapped.addAll(groupAuthorities(GroupClaims.groups(oidc.getIdToken().getClaims())));
        }
      }
      return mapped;
    };
  }

  private static Collection<GrantedAuthority> groupAuthorities(List<String> groups) {
    return groups.stream().<GrantedAuthority>map(group -> new SimpleGrantedAuthority(authority(group))).toList();
  }
}
