package no.carepath.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/models} for process owners: for each model in {@code processes/} and each
 * process deployed only from Camunda Modeler, the version in use and whether it is the one in the
 * repository. A model changed in Modeler and deployed, but not committed, shows as differing.
 */
@RestController
@RequestMapping(path = "/api/models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelStatusController {

  /**
   * @param inRepository the file in {@code processes/}, or {@code null} for a model deployed only
   * @param matchesRepository the version in use has the same content as that file
   */
  record ModelStatus(String key, String kind, String inRepository, Integer versionInUse, String deploymentName,
      String deploymentSource, Instant deployedAt, boolean matchesRepository) {
  }

  private final RepositoryService repository;

  ModelStatusController(RepositoryService repository) {
    this.repository = repository;
  }

  @GetMapping
  List<ModelStatus> models() throws IOException {
    List<ModelStatus> models = new ArrayList<>();
    Set<String> known = new HashSet<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (Resource file : resources(resolver, "classpath*:processes/**/*.bpmn")) {
      String key = baseName(file);
      known.add(key);
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .withoutTenantId().latestVersion().singleResult();
      models.add(status(key, "BPMN", file, definition == null ? null : definition.getVersion(),
          definition == null ? null : definition.getDeploymentId(), definition == null ? null : definition.getResourceName()));
    }
    for (Resource file : resources(resolver, "classpath*:processes/**/*.dmn")) {
      String key = baseName(file);
      DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
          .withoutTenantId().latestVersion().singleResult();
      models.add(status(key, "DMN", file, definition == null ? null : definition.getVersion(),
          definition == null ? null : definition.getDeploymentId(), definition == null ? null : definition.getResourceName()));
    }
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      if (!known.contains(definition.getKey())) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        models.add(new ModelStatus(definition.getKey(), "BPMN", null, definition.getVersion(), deployment.getName(),
            deployment.getSource(), deployment.getDeploymentTime().toInstant(), false));
      }
    }
    return models;
  }

  private ModelStatus status(String key, String kind, Resource file, Integer version, String deploymentId,
      String resourceName) throws IOException {
    String path = file.getURL().getPath();
    String inRepository = path.substring(path.lastIndexOf("processes/"));
    if (deploymentId == null) {
      return new ModelStatus(key, kind, inRepository, null, null, null, null, false);
    }
    Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    boolean same;
    try (InputStream deployed = repository.getResourceAsStream(deploymentId, resourceName);
         InputStream committed = file.getInputStream()) {
      same = Arrays.equals(sha256(deployed.readAllBytes()), sha256(committed.readAllBytes()));
    }
    return new ModelStatus(key, kind, inRepository, version, deployment.getName(), deployment.getSource(),
        deployment.getDeploymentTime().toInstant(), same);
  }

  private static Resource[] resources(PathMatchingResourcePatternResolver resolver, String pattern) {
    try {
      return resolver.getResources(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String baseName(Resource file) {
    String name = file.getFilename();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
