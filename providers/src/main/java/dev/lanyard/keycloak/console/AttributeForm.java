package dev.lanyard.keycloak.console;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
            String problem = field.problem(form.get(field.name())).orElse(null);
            if (problem != null) {
                throw new ComponentValidationException(problem);
            }
        }
    }

    void copy(ComponentModel form, BiConsumer<String, String> set, Consumer<String> remove) {
        for (AttributeField field : fields) {
            field.attributeValue(form.get(field.name())).ifPresentOrElse(
                    value -> set.accept(field.attribute(), value),
                    () -> remove.accept(field.attribute()));
        }
    }

    void clear(Consumer<String> remove) {
        fields.forEach(field -> remove.accept(field.attribute()));
    }
}
