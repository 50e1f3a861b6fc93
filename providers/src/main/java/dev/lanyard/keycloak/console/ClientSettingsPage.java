package dev.lanyard.keycloak.console;

import dev.lanyard.keycloak.http.FirstPartyClients;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.oauth.ResourceIndicators;
import dev.lanyard.keycloak.permissions.AppAccess;
import dev.lanyard.keycloak.platform.PlatformApps;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
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

import static dev.lanyard.keycloak.console.AttributeField.text;
import static dev.lanyard.keycloak.console.AttributeField.toggle;

/**
 * Configure → Lanyard clients: one entry per client holds its Lanyard switches (first-party, app permission,
 * platform app, resource URI). Saving copies them into the client's attributes; deleting the entry removes them.
 * A page, not a client tab: the console keeps one form per tab and realm, but a page holds one entry per client.
 */
public final class ClientSettingsPage extends StatelessConsoleForm implements UiPageProvider, UiPageProviderFactory<ComponentModel> {

    public static final String ID = "Lanyard clients";

    static final String CLIENT = "client";

    private static final AttributeForm FORM = new AttributeForm(List.of(
            toggle("firstParty", FirstPartyClients.ATTRIBUTE, "true", "First-party app",
                    "The realm's own app: its web origins get credentialed CORS and may write the session cookie; its user tokens may ask for codes for any client."),
            toggle("permissionRequired", AppAccess.REQUIRED_ATTRIBUTE, "true", "Require app permission",
                    "Sign-ins to this client need an approved permission where a flow runs the \"Require app permission\" step: add it to "
                            + "the browser flow after the sign-in step (and keep direct access grants off). A refresh is refused, and the "
                            + "user's sessions of the client end, once the permission is no longer approved."),
            toggle("platformGlobal", PlatformApps.SCOPE_ATTRIBUTE, PlatformApps.GLOBAL, "Platform GLOBAL app",
                    "May use the platform authorize and the routes of any tenant."),
            text("platformTenant", PlatformApps.TENANT_ATTRIBUTE, "Platform tenant",
                    "Alias of the organization whose own app this is: it may use that tenant's routes only."),
            text("resourceUri", ResourceIndicators.ATTRIBUTE, "Resource URI",
                    "The URI that names this client as a resource (RFC 8707 resource indicator)."),
            text("resourceClients", ResourceIndicators.CLIENTS_ATTRIBUTE, "Clients that may target the resource",
                    "Client ids, separated by spaces, that may name this resource; empty: every client of the realm.")));

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Lanyard's settings of each client: first-party, app permission, platform app and resource URI.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        properties.add(new ProviderConfigProperty(CLIENT, "Client", "The client these settings are for.",
                ProviderConfigProperty.CLIENT_LIST_TYPE, null));
        properties.addAll(FORM.properties());
        return properties;
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(CLIENT, "firstParty", "permissionRequired"));
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel form)
            throws ComponentValidationException {
        requireClientAdmin(session, realm);
        ClientModel client = client(session, realm, form)
                .orElseThrow(() -> new ComponentValidationException("Choose a client of this realm"));
        boolean taken = realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(other -> ID.equals(other.getProviderId()) && !other.getId().equals(form.getId()))
                .anyMatch(other -> client.getClientId().equals(other.get(CLIENT)));
        if (taken) {
            throw new ComponentValidationException("Client '" + client.getClientId() + "' has Lanyard settings already");
        }
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
        requireClientAdmin(session, realm);
        client(session, realm, form).ifPresent(client -> FORM.copy(form, client::setAttribute, client::removeAttribute));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel previous, ComponentModel form) {
        requireClientAdmin(session, realm);
        Optional<ClientModel> before = client(session, realm, previous);
        Optional<ClientModel> after = client(session, realm, form);
        before.filter(client -> after.map(now -> !now.getId().equals(client.getId())).orElse(true))
                .ifPresent(client -> FORM.clear(client::removeAttribute));
        after.ifPresent(client -> FORM.copy(form, client::setAttribute, client::removeAttribute));
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel form) {
        requireClientAdmin(session, realm);
        client(session, realm, form).ifPresent(client -> FORM.clear(client::removeAttribute));
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
