package dev.lanyard.keycloak;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every shipped language says everything English says: the same keys, with the same placeholders, in each of
 * Lanyard's message bundles (the providers' pages and mails, the login and the email theme).
 */
class MessageBundlesTest {

    /** The shipped languages, English first: the others are held to it. */
    private static final List<String> LANGUAGES = List.of("en", "de", "fr");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    /** The providers' pages and mails, the login theme, the email theme. */
    static Stream<String> folders() {
        return Stream.of("theme-resources/messages", "theme/lanyard/login/messages", "theme/lanyard/email/messages");
    }

    @ParameterizedTest
    @MethodSource("folders")
    void everyLanguageHasEveryKeyWithItsPlaceholders(String folder) throws IOException {
        Properties english = bundle(folder, "en");
        for (String language : LANGUAGES.subList(1, LANGUAGES.size())) {
            Properties translated = bundle(folder, language);
            assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(translated.stringPropertyNames()),
                    folder + ": the keys of " + language);
            for (String key : english.stringPropertyNames()) {
                String message = translated.getProperty(key);
                assertEquals(placeholders(english.getProperty(key)), placeholders(message),
                        folder + ": the placeholders of " + key + " in " + language);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("folders")
    void noLoneApostrophes(String folder) throws IOException {
        for (String language : LANGUAGES) {
            Properties messages = bundle(folder, language);
            for (String key : messages.stringPropertyNames()) {
                // Keycloak formats messages with MessageFormat, where a lone ' quotes what follows ({0} included).
                assertFalse(messages.getProperty(key).replace("''", "").contains("'"),
                        folder + ": a lone apostrophe in " + key + " in " + language + " (write '')");
            }
        }
    }

    /** Keycloak reads theme message bundles as UTF-8. */
    private static Properties bundle(String folder, String language) throws IOException {
        String name = folder + "/messages_" + language + ".properties";
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
