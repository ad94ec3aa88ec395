package dev.autosync.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A client of interface {@code type} that delegates every call to the real one (the stand-ins), after
 * letting a test see it: to count requests, or to run another process's work just before one. Not a mock:
 * every call reaches the real stand-in.
 */
public final class Delegating {

    private Delegating() {
    }

    /** {@code delegate} seen through {@code before}, which is handed each method before it is called. */
    public static <T> T around(Class<T> type, T delegate, Consumer<Method> before) {
        return aroundCalls(type, delegate, (method, args) -> before.accept(method));
    }

    /** As {@link #around}, with each call's arguments too. */
    public static <T> T aroundCalls(Class<T> type, T delegate, java.util.function.BiConsumer<Method, Object[]> before) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            before.accept(method, args);
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
