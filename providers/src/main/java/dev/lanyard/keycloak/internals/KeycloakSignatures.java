package dev.lanyard.keycloak.internals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Keycloak methods whose Java signature changed between 26.4 and 26.7 (renamed accessors, records, extra
 * parameters), found by name at run time so that one jar runs on every server the compatibility note (docs/operations.md)
 * names. Names are given newest first.
 */
final class KeycloakSignatures {

    private KeycloakSignatures() {
    }

    /** The value of the first of {@code accessors} (public, no parameters) that {@code target}'s class has. */
    static Object read(Object target, String... accessors) {
        for (String accessor : accessors) {
            Optional<Method> method = method(target.getClass(), accessor);
            if (method.isPresent()) {
                return invoke(target, method.get());
            }
        }
        throw new IllegalStateException(target.getClass().getName() + " has none of " + Arrays.toString(accessors));
    }

    /**
     * The public static String constant {@code name} of {@code type}, or {@code absent} on a server without it.
     * Read at run time: the compiler would copy the value of the version built against.
     */
    static String constant(Class<?> type, String name, String absent) {
        try {
            return (String) type.getField(name).get(null);
        } catch (NoSuchFieldException | IllegalAccessException missing) {
            return absent;
        }
    }

    /** The public method of {@code type} with this name and these parameter types, if this server has it. */
    static Optional<Method> method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return Optional.of(type.getMethod(name, parameters));
        } catch (NoSuchMethodException absent) {
            return Optional.empty();
        }
    }

    /** The public method of {@code type} with this name and the most parameters: the newest overload. */
    static Method widest(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(name))
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() -> new IllegalStateException(type.getName() + " has no " + name));
    }

    static Object invoke(Object target, Method method, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
