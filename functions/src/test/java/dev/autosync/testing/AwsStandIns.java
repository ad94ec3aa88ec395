package dev.autosync.testing;

import dev.autosync.standins.AwsBackend;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that starts the AWS stand-ins once per test JVM and hands tests an {@link AwsFixture}
 * (as a parameter of a test, lifecycle method or constructor). The backend is stopped when the JVM's
 * tests finish, pass or fail, through JUnit's root store.
 *
 * <p>{@code -Daws.backend=localstack} runs the same suite against LocalStack (needs Docker).
 */
public final class AwsStandIns implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AwsStandIns.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fixture(context);
    }

    public static AwsFixture fixture(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(AwsFixture.class, key -> new AwsFixture(AwsBackend.startConfigured()), AwsFixture.class);
    }
}
