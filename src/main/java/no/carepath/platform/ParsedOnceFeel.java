package no.carepath.platform;

import java.util.List;
import java.util.function.Function;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The DMN decisions' FEEL engine, parsing each expression once instead of at every evaluation.
 * Camunda's {@link ScalaFeelEngine} hands feel-scala the expression's text for every input entry, input
 * and output of every rule evaluated, and feel-scala parses it anew each time: a profile of a task
 * completion with the eligibility table (18 input entries) had parsing as half of the decision's CPU.
 * This engine is Camunda's, with the same contexts, value mappers, custom functions and errors; only
 * {@code evalExpression(text, context)} and {@code evalUnaryTests(text, context)} become
 * {@code eval(parsed(text), context)}, which is what feel-scala does inside them. A parsed expression is
 * an immutable syntax tree, so sharing it between threads is safe; a text that does not parse is not
 * kept and fails as before. At most {@value #MAXIMUM_EXPRESSIONS} texts of each kind are kept (a
 * deployment's tables hold a few hundred).
 */
final class ParsedOnceFeel extends ScalaFeelEngine {

  static final int MAXIMUM_EXPRESSIONS = 10_000;

  private final Cache<String, ParsedExpression> expressions = Caffeine.newBuilder()
      .maximumSize(MAXIMUM_EXPRESSIONS).build();
  private final Cache<String, ParsedExpression> unaryTests = Caffeine.newBuilder()
      .maximumSize(MAXIMUM_EXPRESSIONS).build();

  ParsedOnceFeel(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variableContext);
      }
    };
    return (T) value(feelEngine.eval(parsed, context));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
    VariableProvider input = new VariableProvider.StaticVariableProvider(
        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new VariableProvider.CompositeVariableProvider(toScalaList(input, variables));
      }
    };
    return BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, context)));
  }

  /** Number of texts kept, expressions and unary tests (for the tests). */
  long kept() {
    expressions.cleanUp();
    unaryTests.cleanUp();
    return expressions.estimatedSize() + unaryTests.estimatedSize();
  }

  private static ParsedExpression parsed(Cache<String, ParsedExpression> cache, String text,
      Function<String, Either<Failure, ParsedExpression>> parser) {
    ParsedExpression parsed = cache.getIfPresent(text);
    if (parsed == null) {
      parsed = value(parser.apply(text));
      cache.put(text, parsed);
    }
    return parsed;
  }

  private static <V> V value(Either<Failure, V> result) {
    if (result instanceof Right<Failure, V> right) {
      return right.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, V>) result).value().message());
  }

  /**
   * Makes the DMN engine's FEEL engine as Camunda's {@code DefaultDmnEngineConfiguration.initFeelEngine} does,
   * with {@link ParsedOnceFeel} in place of {@link ScalaFeelEngine}: the custom functions and the legacy switch
   * are read from the DMN configuration when the DMN engine is built, after the process engine has set them.
   */
  static final class Factory implements FeelEngineFactory {

    private final DefaultDmnEngineConfiguration configuration;

    Factory(DefaultDmnEngineConfiguration configuration) {
      this.configuration = configuration;
    }

    @Override
    public FeelEngine createInstance() {
      if (configuration.isEnableFeelLegacyBehavior()) {
        return new FeelEngineFactoryImpl().createInstance();
      }
      List<FeelCustomFunctionProvider> providers = configuration.getFeelCustomFunctionProviders();
      return new ParsedOnceFeel(providers == null ? List.of() : providers);
    }
  }
}
