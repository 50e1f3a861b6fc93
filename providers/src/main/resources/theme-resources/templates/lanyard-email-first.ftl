<#-- The platform's email-first page: the email decides the tenant; every original authorize parameter goes back with it. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("lanyardEmailFirstTitle")}
    <#elseif section = "form">
        <form id="lanyard-email-first-form" class="${properties.kcFormClass!}" action="${lanyardEmailFirst.action}" method="get">
            <#list lanyardEmailFirst.parameters as parameter>
                <input type="hidden" name="${parameter.name}" value="${parameter.value}">
            </#list>
            <div class="${properties.kcFormGroupClass!}">
                <label for="login_hint" class="${properties.kcLabelClass!}">${msg("email")}</label>
                <input id="login_hint" name="login_hint" type="email" autocomplete="email" class="${properties.kcInputClass!}" autofocus required>
            </div>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("doContinue")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
