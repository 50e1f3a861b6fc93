package dev.lanyard.keycloak.console;

import org.keycloak.provider.ProviderConfigProperty;

import java.util.Optional;

/**
 * One field of a Lanyard form in the admin console, standing for one realm or client attribute. The field's name
 * has no dots: the console's forms would read a dotted name as a nested path.
 */
record AttributeField(String name, String attribute, Kind kind, String label, String helpText, String defaultValue) {

    enum Kind { POSITIVE_NUMBER, TEXT, SWITCH, SWITCH_ON_BY_DEFAULT }

    static AttributeField number(String name, String attribute, String label, String helpText, int defaultValue) {
        return new AttributeField(name, attribute, Kind.POSITIVE_NUMBER, label, helpText, Integer.toString(defaultValue));
    }

    static AttributeField text(String name, String attribute, String label, String helpText) {
        return new AttributeField(name, attribute, Kind.TEXT, label, helpText, null);
    }

    /** A switch whose "on" is the attribute value {@code onValue}; "off" removes the attribute. */
    static AttributeField toggle(String name, String attribute, String onValue, String label, String helpText) {
        return new AttributeField(name, attribute, Kind.SWITCH, label, helpText, onValue);
    }

    /** A switch that is on while the attribute is absent; "off" sets the attribute to {@code false}. */
    static AttributeField onByDefault(String name, String attribute, String label, String helpText) {
        return new AttributeField(name, attribute, Kind.SWITCH_ON_BY_DEFAULT, label, helpText, "false");
    }

    ProviderConfigProperty property() {
        return switch (kind) {
            case SWITCH -> new ProviderConfigProperty(name, label, helpText, ProviderConfigProperty.BOOLEAN_TYPE, "false");
            case SWITCH_ON_BY_DEFAULT -> new ProviderConfigProperty(name, label, helpText, ProviderConfigProperty.BOOLEAN_TYPE, "true");
            default -> new ProviderConfigProperty(name, label, helpText, ProviderConfigProperty.STRING_TYPE, defaultValue);
        };
    }

    /** The attribute value that the form's value stands for; empty when the attribute is to be removed. */
    Optional<String> attributeValue(String formValue) {
        if (formValue == null || formValue.isBlank()) {
            return Optional.empty();
        }
        String value = formValue.trim();
        return switch (kind) {
            case SWITCH -> Boolean.parseBoolean(value) ? Optional.of(defaultValue) : Optional.empty();
            case SWITCH_ON_BY_DEFAULT -> Boolean.parseBoolean(value) ? Optional.empty() : Optional.of(defaultValue);
            default -> Optional.of(value);
        };
    }

    /** What is wrong with the form's value, in words for the admin; empty when it is acceptable. */
    Optional<String> problem(String formValue) {
        if (kind != Kind.POSITIVE_NUMBER || formValue == null || formValue.isBlank()) {
            return Optional.empty();
        }
        try {
            if (Integer.parseInt(formValue.trim()) > 0) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        return Optional.of(label + " must be a whole number above 0");
    }
}
