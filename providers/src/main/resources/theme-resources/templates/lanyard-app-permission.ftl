<#-- "Require app permission": where the user stands with the app, and a way to ask for access. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("lanyardAppPermissionTitle", lanyardApp)}
    <#elseif section = "form">
        <p id="lanyard-app-permission-status" data-status="${lanyardPermission}">
            <#if lanyardPermission = "pending">${msg("lanyardAppPermissionPending")}
            <#elseif lanyardPermission = "denied">${msg("lanyardAppPermissionDenied")}
            <#else>${msg("lanyardAppPermissionNone")}</#if>
            <#if !lanyardOfferRequests>${msg("lanyardAppPermissionAskAdmin")}</#if>
        </p>
        <form id="lanyard-app-permission-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if lanyardOfferRequests && (lanyardPermission = "none" || lanyardPermission = "revoked")>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" name="request" value="true" type="submit">${msg("lanyardAppPermissionRequest")}</button>
            </#if>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" name="continue" value="true" type="submit">${msg("lanyardAppPermissionCheckAgain")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
