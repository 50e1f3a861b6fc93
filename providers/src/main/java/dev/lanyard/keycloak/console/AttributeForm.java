package dev.lanyard.keycloak.console;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A console form whose saved values are copied into attributes, where Lanyard reads its settings: the console
 * stores the form as a component, and the attributes stay the one source every route reads.
 */
record AttributeForm(List<AttributeField> fields) {

    List<ProviderConfigProperty> properties() {
        return fields.stream().map(AttributeField::property).toList();
    }

    void validate(ComponentModel form) throws ComponentValidationException {
        for (AttributeField field : fields) {
            ComponentValidationException problem = field.problem(form.get(field.name())).orElse(null);
            if (problem != null) {
                throw problem;
            }
        }
    }

    /** Writes the attributes whose value the form changes, and no other. */
    void copy(ComponentModel form, Function<String, String> attributes, BiConsumer<String, String> set, Consumer<String> remove) {
        for (AttributeField field : fields) {
            if (field.same(form.get(field.name()), field.formValue(attributes.apply(field.attribute())))) {
                continue;
            }
            field.attributeValue(form.get(field.name())).ifPresentOrElse(
                    value -> set.accept(field.attribute(), value),
                    () -> remove.accept(field.attribute()));
        }
    }

    /**
     * Keeps the attributes the admin did not change: each field whose value is the one the form was opened with
     * ({@code stored}, or a new form's blank value) takes the attribute's current value, so a save never writes back
     * a value the form did not show (an attribute set through realm JSON or the admin REST API since).
     */
    void keepUnchanged(ComponentModel form, ComponentModel stored, Function<String, String> attributes) {
        for (AttributeField field : fields) {
            String opened = stored != null ? stored.get(field.name()) : field.formValue(null);
            if (field.same(form.get(field.name()), opened)) {
                set(form, field.name(), field.formValue(attributes.apply(field.attribute())));
            }
        }
    }

    /** Whether the form shows the attributes' current values. */
    boolean shows(ComponentModel form, Function<String, String> attributes) {
        return fields.stream().allMatch(field -> field.same(form.get(field.name()), field.formValue(attributes.apply(field.attribute()))));
    }

    /** The form's values for the attributes' current values. */
    void show(ComponentModel form, Function<String, String> attributes) {
        fields.forEach(field -> set(form, field.name(), field.formValue(attributes.apply(field.attribute()))));
    }

    /** Whether any attribute of the form is set. */
    boolean anySet(Function<String, String> attributes) {
        return fields.stream().anyMatch(field -> attributes.apply(field.attribute()) != null);
    }

    private static void set(ComponentModel form, String name, String value) {
        if (value == null) {
            form.getConfig().remove(name);
        } else {
            form.getConfig().putSingle(name, value);
        }
    }

    void clear(Consumer<String> remove) {
        fields.forEach(field -> remove.accept(field.attribute()));
    }
}
