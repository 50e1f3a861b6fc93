package dev.lanyard.keycloak.console;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every label and help text of Lanyard's console pages is a message key that the English messages hold. */
class ConsoleMessagesTest {

    @Test
    void everyLabelAndHelpTextIsAMessage() throws IOException {
        Properties english = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("theme-resources/messages/messages_en.properties")) {
            assertNotNull(in);
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>(List.of(ClientSettingsPage.ID, new ClientSettingsPage().getHelpText(),
                new RealmSettingsTab().getHelpText()));
        List<ProviderConfigProperty> properties = new ArrayList<>(new ClientSettingsPage().getConfigProperties());
        properties.addAll(new RealmSettingsTab().getConfigProperties());
        properties.forEach(property -> keys.addAll(List.of(property.getLabel(), property.getHelpText())));
        for (String key : keys) {
            assertTrue(english.containsKey(key), "no English message " + key);
            // The console shows these as they are: a dot or colon would split the key, an apostrophe stays doubled.
            assertTrue(key.matches("[A-Za-z ]+"), "a key the console can look up: " + key);
            assertTrue(!english.getProperty(key).contains("'"), "a typographic apostrophe in " + key);
        }
    }
}
