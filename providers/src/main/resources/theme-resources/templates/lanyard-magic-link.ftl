<#-- Browser flow: ask for the email to send a sign-in link to. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("lanyardMagicLinkTitle")}
    <#elseif section = "form">
        <form id="lanyard-magic-link-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="email" class="${properties.kcLabelClass!}">${msg("email")}</label>
                <input id="email" name="email" type="email" class="${properties.kcInputClass!}"
                       value="${lanyardEmail!''}" autocomplete="email" autofocus required>
            </div>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("lanyardMagicLinkSend")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
