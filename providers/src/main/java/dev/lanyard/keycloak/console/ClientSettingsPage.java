package dev.lanyard.keycloak.console;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.oauth.ResourceIndicators;
import dev.lanyard.keycloak.platform.PlatformApps;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.lanyard.keycloak.console.AttributeField.text;
import static dev.lanyard.keycloak.console.AttributeField.toggle;

/**
 * Configure → Lanyard clients: one entry per client holds its Lanyard switches (first-party, app permission,
 * platform app, resource URI). Saving copies what the admin changed into the client's attributes (the rest keeps
 * the client's current values); deleting the entry removes them. Each client that has any of them is listed
 * ({@link ConsoleMirror}). A page, not a client tab: the console keeps one form per tab and realm, but a page holds
 * one entry per client.
 */
public final class ClientSettingsPage extends StatelessConsoleForm implements UiPageProvider, UiPageProviderFactory<ComponentModel> {

    public static final String ID = "Lanyard clients";

    static final String CLIENT = "client";

    private static final AttributeForm FORM = new AttributeForm(List.of(
            toggle("firstParty", FirstPartyClients.ATTRIBUTE, "true"),
            toggle("permissionRequired", AppAccess.REQUIRED_ATTRIBUTE, "true"),
            toggle("platformGlobal", PlatformApps.SCOPE_ATTRIBUTE, PlatformApps.GLOBAL),
            text("platformTenant", PlatformApps.TENANT_ATTRIBUTE),
            text("resourceUri", ResourceIndicators.ATTRIBUTE),
            text("resourceClients", ResourceIndicators.CLIENTS_ATTRIBUTE)));

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "lanyardConsoleClientsHelp";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        properties.add(new ProviderConfigProperty(CLIENT, "lanyardConsoleClient", "lanyardConsoleClientHelp",
                ProviderConfigProperty.CLIENT_LIST_TYPE, null));
        properties.addAll(FORM.properties());
        return properties;
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(CLIENT, "firstParty", "permissionRequired"));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ConsoleMirror.follow(factory);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel form)
            throws ComponentValidationException {
        if (ConsoleMirror.isMirroring(session)) {
            return;
        }
        requireClientAdmin(session, realm);
        ClientModel client = client(session, realm, form)
                .orElseThrow(() -> new ComponentValidationException("Choose a client of this realm"));
        boolean taken = entries(realm, client.getClientId()).anyMatch(other -> !other.getId().equals(form.getId()));
        if (taken) {
            throw new ComponentValidationException("Client '" + client.getClientId() + "' has Lanyard settings already: open its entry");
        }
        ComponentModel stored = form.getId() == null ? null : realm.getComponent(form.getId());
        if (stored != null && !client.getClientId().equals(stored.get(CLIENT))) {
            throw new ComponentValidationException("An entry's client cannot change: add an entry for the other client");
        }
        FORM.keepUnchanged(form, stored, client::getAttribute);
        FORM.validate(form);
        String tenant = blankToNull(form.get("platformTenant"));
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (tenant != null && (organizations == null || !organizations.isEnabled() || organizations.getByAlias(tenant) == null)) {
            throw new ComponentValidationException("Platform tenant '" + tenant + "' is not an organization of this realm");
        }
        String resource = blankToNull(form.get("resourceUri"));
        if (resource != null && !isAbsolute(resource)) {
            throw new ComponentValidationException("Resource URI must be an absolute URI");
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel form) {
        onUpdate(session, realm, null, form);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel previous, ComponentModel form) {
        if (ConsoleMirror.isMirroring(session)) {
            return;
        }
        requireClientAdmin(session, realm);
        client(session, realm, form).ifPresent(client -> FORM.copy(form, client::getAttribute, client::setAttribute, client::removeAttribute));
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel form) {
        if (ConsoleMirror.isMirroring(session)) {
            return;
        }
        requireClientAdmin(session, realm);
        client(session, realm, form).ifPresent(client -> FORM.clear(client::removeAttribute));
    }

    /** Makes the client's entry show its attributes: one entry per client that has any, kept while it exists. */
    static void show(KeycloakSession session, ClientModel client) {
        RealmModel realm = client.getRealm();
        List<ComponentModel> entries = entries(realm, client.getClientId()).toList();
        ConsoleMirror.keep(session, realm, entries, FORM, client::getAttribute, () -> {
            ComponentModel entry = ConsoleMirror.component(realm, UiPageProvider.class, ID, client.getClientId());
            entry.put(CLIENT, client.getClientId());
            return entry;
        });
    }

    /** Removes the entries of a client that is gone (or was renamed). */
    static void forget(KeycloakSession session, RealmModel realm, String clientId) {
        List<ComponentModel> entries = entries(realm, clientId).toList();
        if (!entries.isEmpty()) {
            ConsoleMirror.write(session, () -> entries.forEach(realm::removeComponent));
        }
    }

    private static Stream<ComponentModel> entries(RealmModel realm, String clientId) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(entry -> ID.equals(entry.getProviderId()) && clientId.equals(entry.get(CLIENT)));
    }

    /**
     * Keycloak lets any realm admin with manage-realm save components; these write client settings (who gets
     * credentialed CORS, who needs an app permission), which Keycloak keeps to admins who may manage clients.
     * Checked again where the writes happen: Keycloak can be set to swallow validation errors of components.
     */
    private static void requireClientAdmin(KeycloakSession session, RealmModel realm) {
        if (!RealmAdmins.adminRequestMay(session, realm, RealmAdmins.Right.MANAGE_CLIENTS)) {
            throw new ForbiddenException("Lanyard's client settings are for admins who may manage clients");
        }
    }

    private static Optional<ClientModel> client(KeycloakSession session, RealmModel realm, ComponentModel form) {
        return Optional.ofNullable(blankToNull(form.get(CLIENT))).map(clientId -> session.clients().getClientByClientId(realm, clientId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean isAbsolute(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
