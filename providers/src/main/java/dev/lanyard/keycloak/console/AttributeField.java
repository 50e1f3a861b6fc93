package dev.lanyard.keycloak.console;

import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.Optional;

/**
 * One field of a Lanyard form in the admin console, standing for one realm or client attribute. The field's name
 * has no dots: the console's forms would read a dotted name as a nested path. Its label and help text are message
 * keys derived from the name ({@code lanyardConsole<Name>}, {@code …Help}), in the messages of Lanyard's jar, which
 * Keycloak adds to every theme's, the admin console's included.
 */
record AttributeField(String name, String attribute, Kind kind, String defaultValue) {

    enum Kind { POSITIVE_NUMBER, TEXT, SWITCH, SWITCH_ON_BY_DEFAULT }

    /** A whole number above 0; the form shows {@code defaultValue} where the attribute is absent. */
    static AttributeField number(String name, String attribute, int defaultValue) {
        return new AttributeField(name, attribute, Kind.POSITIVE_NUMBER, Integer.toString(defaultValue));
    }

    static AttributeField text(String name, String attribute) {
        return text(name, attribute, null);
    }

    /** A text; the form shows {@code defaultValue} (if any) where the attribute is absent. */
    static AttributeField text(String name, String attribute, String defaultValue) {
        return new AttributeField(name, attribute, Kind.TEXT, defaultValue);
    }

    /** A switch whose "on" is the attribute value {@code onValue}; "off" removes the attribute. */
    static AttributeField toggle(String name, String attribute, String onValue) {
        return new AttributeField(name, attribute, Kind.SWITCH, onValue);
    }

    /** A switch that is on while the attribute is absent; "off" sets the attribute to {@code false}. */
    static AttributeField onByDefault(String name, String attribute) {
        return new AttributeField(name, attribute, Kind.SWITCH_ON_BY_DEFAULT, "false");
    }

    ProviderConfigProperty property() {
        return switch (kind) {
            case SWITCH -> property(ProviderConfigProperty.BOOLEAN_TYPE, "false");
            case SWITCH_ON_BY_DEFAULT -> property(ProviderConfigProperty.BOOLEAN_TYPE, "true");
            default -> property(ProviderConfigProperty.STRING_TYPE, defaultValue);
        };
    }

    private ProviderConfigProperty property(String type, String shownByDefault) {
        return new ProviderConfigProperty(name, label(), label() + "Help", type, shownByDefault);
    }

    /** The message key of the field's label. */
    String label() {
        return "lanyardConsole" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The attribute value that the form's value stands for; empty when the attribute is to be removed: a blank
     * field, a switch in its default position, or a field that shows its default (so saving a form writes no default).
     */
    Optional<String> attributeValue(String formValue) {
        if (formValue == null || formValue.isBlank()) {
            return Optional.empty();
        }
        String value = formValue.trim();
        return switch (kind) {
            case SWITCH -> Boolean.parseBoolean(value) ? Optional.of(defaultValue) : Optional.empty();
            case SWITCH_ON_BY_DEFAULT -> Boolean.parseBoolean(value) ? Optional.empty() : Optional.of(defaultValue);
            default -> value.equals(defaultValue) ? Optional.empty() : Optional.of(value);
        };
    }

    /** The form's value that stands for the attribute value {@code attributeValue} (null: absent). */
    String formValue(String attributeValue) {
        return switch (kind) {
            case SWITCH -> Boolean.toString(defaultValue.equals(attributeValue));
            case SWITCH_ON_BY_DEFAULT -> Boolean.toString(!defaultValue.equals(attributeValue));
            default -> attributeValue == null || attributeValue.isBlank() ? defaultValue : attributeValue;
        };
    }

    /** Whether two form values stand for the same attribute value. */
    boolean same(String formValue, String otherFormValue) {
        return attributeValue(formValue).equals(attributeValue(otherFormValue));
    }

    /** What is wrong with the form's value, for the admin (a message key of the field's label); empty when it is acceptable. */
    Optional<ComponentValidationException> problem(String formValue) {
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
        return Optional.of(new ComponentValidationException("lanyardConsoleWholeNumber", label()));
    }
}
