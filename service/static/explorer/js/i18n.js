// Every visible string of the page, one dictionary per language (es, en, pt): the choice
// remembered in localStorage, else the browser's language when it is one of them, else
// Spanish. The API is asked in the same language (api.js sends it as Accept-Language); names
// in the data (sectors in English where no Spanish name is known) are shown as they come.

const es = {
  skip: "Saltar al contenido", explorer: "Explorador", views: "Vistas",
  "view.network": "Red", "view.gaps": "Brechas", "view.territory": "Territorios",
  "view.initiative": "Iniciativa", language: "Idioma",
  filters: "Filtros", "filter.country": "País", "filter.territory": "Región",
  "filter.sector": "Sector (código CIIU)", "filter.types": "Tipos de iniciativa",
  "filter.projection": "Proyección", "filter.colour": "Color", "filter.size": "Tamaño",
  "filter.apply": "Aplicar", "filter.all": "Todos", "filter.allRegions": "Todas",
  "colour.kind": "Por tipo", "colour.community": "Por comunidad (Louvain)",
  "size.none": "Uniforme", "size.DEGREE": "Grado", "size.PAGERANK": "PageRank",
  "size.BETWEENNESS": "Intermediación", "size.CLOSENESS": "Cercanía",
  "search.label": "Buscar un nodo", "search.none": "Sin resultados en la red.",
  "search.hidden": "fuera del tope: se añadirá",
  "graph.label": "Red de articulación", loading: "Cargando…",
  shown: "Mostrando {shown} de {total} nodos y {edges} de {totalEdges} aristas",
  overview: "Vista general: los {shown} nodos más conectados de {total} y {edges} de las {totalEdges} aristas entre ellos; el servicio no construye la red entera ({message}) — filtre para verla.",
  "cap.widen": "Ampliar a {next} nodos", "cap.note": "Se dibujan los nodos más centrales según el tamaño elegido (grado si es uniforme), más los que se eligen en la búsqueda o en una brecha, y hasta 3 aristas por nodo del tope.",
  "legend.nodes": "Nodos", "legend.edges": "Aristas", "legend.community": "Comunidad {id}",
  "legend.otherCommunity": "Otras comunidades",
  close: "Cerrar", "panel.links": "Vínculos en la red ({n})", "panel.metrics": "Métricas",
  "panel.profile": "Perfil", "panel.degree": "Grado en la red dibujada",
  "panel.score": "{metric}", "panel.rank": "puesto {rank} de {n}", "panel.community": "Comunidad",
  "panel.open": "Abrir la página de la iniciativa", "panel.more": "… y {n} más",
  "field.id": "Id", "field.type": "Tipo", "field.status": "Estado", "field.years": "Años",
  "field.territory": "Territorio", "field.territories": "Territorios", "field.sectors": "Sectores",
  "field.size": "Tamaño", "field.employees": "Empleados", "field.founded": "Fundada",
  "field.kind": "Clase", "field.level": "Nivel", "field.instrument": "Instrumento",
  "field.budget": "Presupuesto", "field.runBy": "Ejecuta", "field.initiatives": "Iniciativas",
  "field.governs": "Gobierna", "field.programs": "Programas", "field.supports": "Apoya",
  "field.website": "Sitio web", "field.role": "Rol", "field.since": "Desde", "field.until": "Hasta",
  "field.name": "Nombre", "field.amount": "Monto", "field.program": "Programa",
  "field.institution": "Institución", "field.actor": "Actor", "field.partner": "Socia",
  "gaps.title": "Brechas de coordinación", "gaps.kind": "Tipo de brecha", "gaps.all": "Todos",
  "gaps.count": "{n} brechas", "gaps.severity": "severidad {s}",
  "gaps.highlighted": "{drawn} de {n} nodos de la brecha resaltados en la red",
  "gaps.notDrawn": "; {missing} no están en la red (los territorios nunca son nodos, y la proyección elegida puede dejar fuera otros)",
  "gaps.clear": "Quitar el resaltado",
  "initiative.members": "Miembros ({n})", "initiative.governance": "Gobernanza ({n})",
  "initiative.support": "Apoyo ({n})", "initiative.collaborations": "Colaboraciones ({n})",
  "initiative.metrics": "Métricas", "initiative.matches": "Sugerencias de vinculación",
  "initiative.noMatches": "Sin sugerencias.", "initiative.notFound": "No existe la iniciativa {id}.",
  "initiative.metricsNote": "En la red de iniciativas de {countries}: dos iniciativas se vinculan si comparten actores o colaboran.",
  "initiative.participants": "Participantes", "initiative.seats": "Asientos de gobernanza",
  "initiative.programs": "Programas de apoyo", "initiative.inNetwork": "Iniciativas en la red",
  "initiative.metric": "Métrica", "initiative.value": "Valor", "initiative.rankOf": "Puesto",
  "initiative.score": "puntaje {score}", "initiative.showInNetwork": "Ver en la red",
  "none": "—",
  "territory.title": "Territorios", "territory.country": "País", "territory.region": "Región",
  "territory.whole": "Todo el país", "territory.byType": "Iniciativas por tipo",
  "territory.byKind": "Actores por clase", "territory.table": "Por territorio",
  "territory.initiatives": "Iniciativas", "territory.firms": "Empresas",
  "territory.institutions": "Instituciones", "territory.total": "Total de {name}",
  "territory.noData": "Sin datos en este territorio.", "territory.countries": "Todos los países",
  "apiKey.button": "Clave API", "apiKey.title": "Clave API",
  "apiKey.help": "Si el servicio no admite lectura anónima, pegue una clave (ak_…). Se guarda solo mientras esta pestaña siga abierta.",
  "apiKey.label": "Clave", "apiKey.save": "Guardar", "apiKey.clear": "Borrar", "apiKey.cancel": "Cancelar",
  "error.unauthenticated": "Este servicio pide una clave API para leer, o la clave guardada no es válida.",
  "error.enterKey": "Introducir clave", "error.generic": "Error: {message}",
  "error.network": "No se pudo contactar el servicio.",
  "dataState.LOADING": "Hay una carga de datos en curso ({source}): {written} de {total} filas escritas. Hasta que termine, lo que se ve incluye solo la parte ya escrita y puede cambiar.",
  "dataState.ROLLING_BACK": "Se está deshaciendo una carga de datos que no terminó ({source}): lo que se ve puede cambiar hasta que acabe.",
  "projection.FULL": "Completa", "projection.ACTORS": "Actores (co-participación)",
  "projection.INITIATIVES": "Iniciativas", "projection.GOVERNANCE": "Gobernanza",
  "projection.SUPPLY": "Suministro",
  "kind.CLUSTER": "Clúster", "kind.VALUE_CHAIN": "Cadena de valor", "kind.LOCAL_PRODUCTIVE": "Iniciativa productiva local",
  "kind.BUSINESS_NETWORK": "Red empresarial", "kind.SUPPLIER_DEVELOPMENT": "Desarrollo de proveedores",
  "kind.FIRM": "Empresa", "kind.GOVERNMENT": "Gobierno", "kind.ACADEMIA": "Academia",
  "kind.BUSINESS_ASSOCIATION": "Gremio empresarial", "kind.CIVIL_SOCIETY": "Sociedad civil",
  "kind.DEVELOPMENT_AGENCY": "Agencia de desarrollo", "kind.FINANCIAL": "Entidad financiera",
  "kind.INTERNATIONAL": "Organismo internacional", "kind.PROGRAM": "Programa",
  "entity.Initiative": "Iniciativa", "entity.Firm": "Empresa", "entity.Institution": "Institución",
  "entity.Program": "Programa", "entity.Territory": "Territorio",
  "edge.PARTICIPATES_IN": "Participa en", "edge.GOVERNS": "Gobierna", "edge.RUNS": "Ejecuta",
  "edge.SUPPORTS": "Apoya", "edge.SUPPLIES": "Suministra a", "edge.COLLABORATES_WITH": "Colabora con",
  "edge.AGREEMENT_WITH": "Convenio con", "edge.SHARES_INITIATIVES": "Comparten iniciativas",
  "edge.SHARES_ACTORS": "Comparten actores", "edge.SHARES_ACTORS_AND_COLLABORATES": "Comparten actores y colaboran",
  "status.PLANNED": "Planificada", "status.ACTIVE": "Activa", "status.SUSPENDED": "Suspendida",
  "status.CONCLUDED": "Concluida",
  "size.MICRO": "Micro", "size.SMALL": "Pequeña", "size.MEDIUM": "Mediana", "size.LARGE": "Grande",
  "level.SUPRANATIONAL": "Supranacional", "level.NATIONAL": "Nacional", "level.SUBNATIONAL": "Subnacional",
  "level.LOCAL": "Local", "level.COUNTRY": "País", "level.REGION": "Región", "level.MUNICIPALITY": "Municipio",
  "role.MEMBER": "Miembro", "role.LEADER": "Líder", "role.ANCHOR": "Ancla", "role.SUPPLIER": "Proveedor",
  "role.CLIENT": "Cliente", "role.PARTNER": "Socio", "role.CHAIR": "Presidencia",
  "role.BOARD_MEMBER": "Junta directiva", "role.TECHNICAL_SECRETARIAT": "Secretaría técnica",
  "role.FUNDER": "Financiador", "role.ADVISOR": "Asesor",
  "gap.UNGOVERNED": "Sin gobernanza", "gap.VERTICAL": "Coordinación vertical",
  "gap.HELIX": "Hélices ausentes", "gap.OVERLAP": "Superposición", "gap.FRAGMENTED_SUPPORT": "Apoyo fragmentado",
  "gap.WHITE_SPOT": "Zona sin iniciativa", "gap.INFORMAL_BROKER": "Intermediario informal",
  "gap.BROKER_DEPENDENCY": "Dependencia de un intermediario",
  "warning.TRIVIAL_PARTITION.COMPONENTS": "Louvain no encontró comunidades dentro de los componentes conexos: sus {communities} comunidades son los {components} componentes de la red.",
  "warning.TRIVIAL_PARTITION.SINGLETONS": "Louvain dejó cada uno de los {nodes} nodos en una comunidad propia: no encontró grupos en esta red.",
};

const en = {
  skip: "Skip to content", explorer: "Explorer", views: "Views",
  "view.network": "Network", "view.gaps": "Gaps", "view.territory": "Territories",
  "view.initiative": "Initiative", language: "Language",
  filters: "Filters", "filter.country": "Country", "filter.territory": "Region",
  "filter.sector": "Sector (ISIC code)", "filter.types": "Initiative types",
  "filter.projection": "Projection", "filter.colour": "Colour", "filter.size": "Size",
  "filter.apply": "Apply", "filter.all": "All", "filter.allRegions": "All",
  "colour.kind": "By kind", "colour.community": "By community (Louvain)",
  "size.none": "Uniform", "size.DEGREE": "Degree", "size.PAGERANK": "PageRank",
  "size.BETWEENNESS": "Betweenness", "size.CLOSENESS": "Closeness",
  "search.label": "Find a node", "search.none": "No match in the network.",
  "search.hidden": "past the cap: will be added",
  "graph.label": "Articulation network", loading: "Loading…",
  shown: "Showing {shown} of {total} nodes and {edges} of {totalEdges} edges",
  overview: "Overview: the {shown} most connected of {total} nodes and {edges} of the {totalEdges} edges among them; the service does not build the whole network ({message}) — filter to see it.",
  "cap.widen": "Widen to {next} nodes", "cap.note": "The most central nodes by the chosen size are drawn (degree when uniform), plus those chosen in the search or in a gap, and up to 3 edges per node of the cap.",
  "legend.nodes": "Nodes", "legend.edges": "Edges", "legend.community": "Community {id}",
  "legend.otherCommunity": "Other communities",
  close: "Close", "panel.links": "Links in the network ({n})", "panel.metrics": "Metrics",
  "panel.profile": "Profile", "panel.degree": "Degree in the drawn network",
  "panel.score": "{metric}", "panel.rank": "rank {rank} of {n}", "panel.community": "Community",
  "panel.open": "Open the initiative's page", "panel.more": "… and {n} more",
  "field.id": "Id", "field.type": "Type", "field.status": "Status", "field.years": "Years",
  "field.territory": "Territory", "field.territories": "Territories", "field.sectors": "Sectors",
  "field.size": "Size", "field.employees": "Employees", "field.founded": "Founded",
  "field.kind": "Kind", "field.level": "Level", "field.instrument": "Instrument",
  "field.budget": "Budget", "field.runBy": "Run by", "field.initiatives": "Initiatives",
  "field.governs": "Governs", "field.programs": "Programmes", "field.supports": "Supports",
  "field.website": "Website", "field.role": "Role", "field.since": "Since", "field.until": "Until",
  "field.name": "Name", "field.amount": "Amount", "field.program": "Programme",
  "field.institution": "Institution", "field.actor": "Actor", "field.partner": "Partner",
  "gaps.title": "Coordination gaps", "gaps.kind": "Kind of gap", "gaps.all": "All",
  "gaps.count": "{n} gaps", "gaps.severity": "severity {s}",
  "gaps.highlighted": "{drawn} of the gap's {n} nodes highlighted in the network",
  "gaps.notDrawn": "; {missing} are not in the network (territories are never nodes, and the chosen projection may leave out others)",
  "gaps.clear": "Clear the highlight",
  "initiative.members": "Members ({n})", "initiative.governance": "Governance ({n})",
  "initiative.support": "Support ({n})", "initiative.collaborations": "Collaborations ({n})",
  "initiative.metrics": "Metrics", "initiative.matches": "Matchmaking suggestions",
  "initiative.noMatches": "No suggestions.", "initiative.notFound": "There is no initiative {id}.",
  "initiative.metricsNote": "In the initiative network of {countries}: two initiatives are linked when they share actors or collaborate.",
  "initiative.participants": "Participants", "initiative.seats": "Governance seats",
  "initiative.programs": "Supporting programmes", "initiative.inNetwork": "Initiatives in the network",
  "initiative.metric": "Metric", "initiative.value": "Value", "initiative.rankOf": "Rank",
  "initiative.score": "score {score}", "initiative.showInNetwork": "Show in the network",
  "none": "—",
  "territory.title": "Territories", "territory.country": "Country", "territory.region": "Region",
  "territory.whole": "Whole country", "territory.byType": "Initiatives by type",
  "territory.byKind": "Actors by kind", "territory.table": "By territory",
  "territory.initiatives": "Initiatives", "territory.firms": "Firms",
  "territory.institutions": "Institutions", "territory.total": "All of {name}",
  "territory.noData": "No data in this territory.", "territory.countries": "All countries",
  "apiKey.button": "API key", "apiKey.title": "API key",
  "apiKey.help": "If the service does not allow anonymous reading, paste a key (ak_…). It is kept only while this tab stays open.",
  "apiKey.label": "Key", "apiKey.save": "Save", "apiKey.clear": "Clear", "apiKey.cancel": "Cancel",
  "error.unauthenticated": "This service asks for an API key to read, or the saved key is not valid.",
  "error.enterKey": "Enter a key", "error.generic": "Error: {message}",
  "error.network": "The service could not be reached.",
  "dataState.LOADING": "A data load is under way ({source}): {written} of {total} rows written. Until it ends, what you see holds only the part written so far and may change.",
  "dataState.ROLLING_BACK": "A data load that did not finish is being undone ({source}): what you see may change until it is done.",
  "projection.FULL": "Full", "projection.ACTORS": "Actors (co-participation)",
  "projection.INITIATIVES": "Initiatives", "projection.GOVERNANCE": "Governance",
  "projection.SUPPLY": "Supply",
  "kind.CLUSTER": "Cluster", "kind.VALUE_CHAIN": "Value chain", "kind.LOCAL_PRODUCTIVE": "Local productive initiative",
  "kind.BUSINESS_NETWORK": "Business network", "kind.SUPPLIER_DEVELOPMENT": "Supplier development",
  "kind.FIRM": "Firm", "kind.GOVERNMENT": "Government", "kind.ACADEMIA": "Academia",
  "kind.BUSINESS_ASSOCIATION": "Business association", "kind.CIVIL_SOCIETY": "Civil society",
  "kind.DEVELOPMENT_AGENCY": "Development agency", "kind.FINANCIAL": "Financial",
  "kind.INTERNATIONAL": "International", "kind.PROGRAM": "Programme",
  "entity.Initiative": "Initiative", "entity.Firm": "Firm", "entity.Institution": "Institution",
  "entity.Program": "Programme", "entity.Territory": "Territory",
  "edge.PARTICIPATES_IN": "Participates in", "edge.GOVERNS": "Governs", "edge.RUNS": "Runs",
  "edge.SUPPORTS": "Supports", "edge.SUPPLIES": "Supplies", "edge.COLLABORATES_WITH": "Collaborates with",
  "edge.AGREEMENT_WITH": "Agreement with", "edge.SHARES_INITIATIVES": "Share initiatives",
  "edge.SHARES_ACTORS": "Share actors", "edge.SHARES_ACTORS_AND_COLLABORATES": "Share actors and collaborate",
  "status.PLANNED": "Planned", "status.ACTIVE": "Active", "status.SUSPENDED": "Suspended",
  "status.CONCLUDED": "Concluded",
  "size.MICRO": "Micro", "size.SMALL": "Small", "size.MEDIUM": "Medium", "size.LARGE": "Large",
  "level.SUPRANATIONAL": "Supranational", "level.NATIONAL": "National", "level.SUBNATIONAL": "Subnational",
  "level.LOCAL": "Local", "level.COUNTRY": "Country", "level.REGION": "Region", "level.MUNICIPALITY": "Municipality",
  "role.MEMBER": "Member", "role.LEADER": "Leader", "role.ANCHOR": "Anchor", "role.SUPPLIER": "Supplier",
  "role.CLIENT": "Client", "role.PARTNER": "Partner", "role.CHAIR": "Chair",
  "role.BOARD_MEMBER": "Board member", "role.TECHNICAL_SECRETARIAT": "Technical secretariat",
  "role.FUNDER": "Funder", "role.ADVISOR": "Advisor",
  "gap.UNGOVERNED": "Ungoverned", "gap.VERTICAL": "Vertical coordination",
  "gap.HELIX": "Missing helices", "gap.OVERLAP": "Overlap", "gap.FRAGMENTED_SUPPORT": "Fragmented support",
  "gap.WHITE_SPOT": "White spot", "gap.INFORMAL_BROKER": "Informal broker",
  "gap.BROKER_DEPENDENCY": "Broker dependency",
  "warning.TRIVIAL_PARTITION.COMPONENTS": "Louvain found no communities inside the connected components: its {communities} communities are the network's {components} components.",
  "warning.TRIVIAL_PARTITION.SINGLETONS": "Louvain left each of the {nodes} nodes in a community of its own: it found no groups in this network.",
};

const pt = {
  skip: "Pular para o conteúdo", explorer: "Explorador", views: "Visões",
  "view.network": "Rede", "view.gaps": "Lacunas", "view.territory": "Territórios",
  "view.initiative": "Iniciativa", language: "Idioma",
  filters: "Filtros", "filter.country": "País", "filter.territory": "Região",
  "filter.sector": "Setor (código CIIU)", "filter.types": "Tipos de iniciativa",
  "filter.projection": "Projeção", "filter.colour": "Cor", "filter.size": "Tamanho",
  "filter.apply": "Aplicar", "filter.all": "Todos", "filter.allRegions": "Todas",
  "colour.kind": "Por tipo", "colour.community": "Por comunidade (Louvain)",
  "size.none": "Uniforme", "size.DEGREE": "Grau", "size.PAGERANK": "PageRank",
  "size.BETWEENNESS": "Intermediação", "size.CLOSENESS": "Proximidade",
  "search.label": "Buscar um nó", "search.none": "Nenhum resultado na rede.",
  "search.hidden": "fora do limite: será adicionado",
  "graph.label": "Rede de articulação", loading: "Carregando…",
  shown: "Mostrando {shown} de {total} nós e {edges} de {totalEdges} arestas",
  overview: "Visão geral: os {shown} nós mais conectados de {total} e {edges} das {totalEdges} arestas entre eles; o serviço não constrói a rede inteira ({message}) — filtre para vê-la.",
  "cap.widen": "Ampliar para {next} nós", "cap.note": "São desenhados os nós mais centrais segundo o tamanho escolhido (grau, se uniforme), mais os escolhidos na busca ou em uma lacuna, e até 3 arestas por nó do limite.",
  "legend.nodes": "Nós", "legend.edges": "Arestas", "legend.community": "Comunidade {id}",
  "legend.otherCommunity": "Outras comunidades",
  close: "Fechar", "panel.links": "Vínculos na rede ({n})", "panel.metrics": "Métricas",
  "panel.profile": "Perfil", "panel.degree": "Grau na rede desenhada",
  "panel.score": "{metric}", "panel.rank": "posição {rank} de {n}", "panel.community": "Comunidade",
  "panel.open": "Abrir a página da iniciativa", "panel.more": "… e mais {n}",
  "field.id": "Id", "field.type": "Tipo", "field.status": "Situação", "field.years": "Anos",
  "field.territory": "Território", "field.territories": "Territórios", "field.sectors": "Setores",
  "field.size": "Porte", "field.employees": "Empregados", "field.founded": "Fundada",
  "field.kind": "Classe", "field.level": "Nível", "field.instrument": "Instrumento",
  "field.budget": "Orçamento", "field.runBy": "Executado por", "field.initiatives": "Iniciativas",
  "field.governs": "Governa", "field.programs": "Programas", "field.supports": "Apoia",
  "field.website": "Site", "field.role": "Papel", "field.since": "Desde", "field.until": "Até",
  "field.name": "Nome", "field.amount": "Valor", "field.program": "Programa",
  "field.institution": "Instituição", "field.actor": "Ator", "field.partner": "Parceira",
  "gaps.title": "Lacunas de coordenação", "gaps.kind": "Tipo de lacuna", "gaps.all": "Todos",
  "gaps.count": "{n} lacunas", "gaps.severity": "gravidade {s}",
  "gaps.highlighted": "{drawn} de {n} nós da lacuna destacados na rede",
  "gaps.notDrawn": "; {missing} não estão na rede (os territórios nunca são nós, e a projeção escolhida pode deixar outros de fora)",
  "gaps.clear": "Remover o destaque",
  "initiative.members": "Membros ({n})", "initiative.governance": "Governança ({n})",
  "initiative.support": "Apoio ({n})", "initiative.collaborations": "Colaborações ({n})",
  "initiative.metrics": "Métricas", "initiative.matches": "Sugestões de articulação",
  "initiative.noMatches": "Sem sugestões.", "initiative.notFound": "Não existe a iniciativa {id}.",
  "initiative.metricsNote": "Na rede de iniciativas de {countries}: duas iniciativas se vinculam quando compartilham atores ou colaboram.",
  "initiative.participants": "Participantes", "initiative.seats": "Assentos de governança",
  "initiative.programs": "Programas de apoio", "initiative.inNetwork": "Iniciativas na rede",
  "initiative.metric": "Métrica", "initiative.value": "Valor", "initiative.rankOf": "Posição",
  "initiative.score": "pontuação {score}", "initiative.showInNetwork": "Ver na rede",
  "none": "—",
  "territory.title": "Territórios", "territory.country": "País", "territory.region": "Região",
  "territory.whole": "O país inteiro", "territory.byType": "Iniciativas por tipo",
  "territory.byKind": "Atores por classe", "territory.table": "Por território",
  "territory.initiatives": "Iniciativas", "territory.firms": "Empresas",
  "territory.institutions": "Instituições", "territory.total": "Total de {name}",
  "territory.noData": "Sem dados neste território.", "territory.countries": "Todos os países",
  "apiKey.button": "Chave de API", "apiKey.title": "Chave de API",
  "apiKey.help": "Se o serviço não permitir leitura anônima, cole uma chave (ak_…). Ela é guardada somente enquanto esta aba estiver aberta.",
  "apiKey.label": "Chave", "apiKey.save": "Salvar", "apiKey.clear": "Apagar", "apiKey.cancel": "Cancelar",
  "error.unauthenticated": "Este serviço pede uma chave de API para leitura, ou a chave salva não é válida.",
  "error.enterKey": "Informar chave", "error.generic": "Erro: {message}",
  "error.network": "Não foi possível contatar o serviço.",
  "dataState.LOADING": "Há uma carga de dados em andamento ({source}): {written} de {total} linhas gravadas. Até que termine, o que se vê inclui só a parte já gravada e pode mudar.",
  "dataState.ROLLING_BACK": "Uma carga de dados que não terminou está sendo desfeita ({source}): o que se vê pode mudar até que acabe.",
  "projection.FULL": "Completa", "projection.ACTORS": "Atores (coparticipação)",
  "projection.INITIATIVES": "Iniciativas", "projection.GOVERNANCE": "Governança",
  "projection.SUPPLY": "Fornecimento",
  "kind.CLUSTER": "Cluster", "kind.VALUE_CHAIN": "Cadeia de valor", "kind.LOCAL_PRODUCTIVE": "Arranjo produtivo local",
  "kind.BUSINESS_NETWORK": "Rede de empresas", "kind.SUPPLIER_DEVELOPMENT": "Desenvolvimento de fornecedores",
  "kind.FIRM": "Empresa", "kind.GOVERNMENT": "Governo", "kind.ACADEMIA": "Academia",
  "kind.BUSINESS_ASSOCIATION": "Associação empresarial", "kind.CIVIL_SOCIETY": "Sociedade civil",
  "kind.DEVELOPMENT_AGENCY": "Agência de desenvolvimento", "kind.FINANCIAL": "Instituição financeira",
  "kind.INTERNATIONAL": "Organismo internacional", "kind.PROGRAM": "Programa",
  "entity.Initiative": "Iniciativa", "entity.Firm": "Empresa", "entity.Institution": "Instituição",
  "entity.Program": "Programa", "entity.Territory": "Território",
  "edge.PARTICIPATES_IN": "Participa de", "edge.GOVERNS": "Governa", "edge.RUNS": "Executa",
  "edge.SUPPORTS": "Apoia", "edge.SUPPLIES": "Fornece a", "edge.COLLABORATES_WITH": "Colabora com",
  "edge.AGREEMENT_WITH": "Convênio com", "edge.SHARES_INITIATIVES": "Compartilham iniciativas",
  "edge.SHARES_ACTORS": "Compartilham atores", "edge.SHARES_ACTORS_AND_COLLABORATES": "Compartilham atores e colaboram",
  "status.PLANNED": "Planejada", "status.ACTIVE": "Ativa", "status.SUSPENDED": "Suspensa",
  "status.CONCLUDED": "Concluída",
  "size.MICRO": "Micro", "size.SMALL": "Pequena", "size.MEDIUM": "Média", "size.LARGE": "Grande",
  "level.SUPRANATIONAL": "Supranacional", "level.NATIONAL": "Nacional", "level.SUBNATIONAL": "Subnacional",
  "level.LOCAL": "Local", "level.COUNTRY": "País", "level.REGION": "Região", "level.MUNICIPALITY": "Município",
  "role.MEMBER": "Membro", "role.LEADER": "Líder", "role.ANCHOR": "Âncora", "role.SUPPLIER": "Fornecedor",
  "role.CLIENT": "Cliente", "role.PARTNER": "Parceiro", "role.CHAIR": "Presidência",
  "role.BOARD_MEMBER": "Conselho diretor", "role.TECHNICAL_SECRETARIAT": "Secretaria técnica",
  "role.FUNDER": "Financiador", "role.ADVISOR": "Assessor",
  "gap.UNGOVERNED": "Sem governança", "gap.VERTICAL": "Coordenação vertical",
  "gap.HELIX": "Hélices ausentes", "gap.OVERLAP": "Sobreposição", "gap.FRAGMENTED_SUPPORT": "Apoio fragmentado",
  "gap.WHITE_SPOT": "Zona sem iniciativa", "gap.INFORMAL_BROKER": "Intermediário informal",
  "gap.BROKER_DEPENDENCY": "Dependência de um intermediário",
  "warning.TRIVIAL_PARTITION.COMPONENTS": "O Louvain não encontrou comunidades dentro dos componentes conexos: suas {communities} comunidades são os {components} componentes da rede.",
  "warning.TRIVIAL_PARTITION.SINGLETONS": "O Louvain deixou cada um dos {nodes} nós em uma comunidade própria: não encontrou grupos nesta rede.",
};

export const dictionaries = { es, en, pt };
export const LANGUAGES = Object.keys(dictionaries);
const STORAGE = "articula.language";
let language = initialLanguage();
const listeners = [];

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE);
  if (LANGUAGES.includes(stored)) return stored;
  const preferred = (navigator.languages ?? [navigator.language])
    .map((tag) => String(tag).slice(0, 2).toLowerCase()).find((tag) => LANGUAGES.includes(tag));
  return preferred ?? "es";
}

export function lang() { return language; }

/** The text for `key` in the current language, `{name}` placeholders filled from params. */
export function t(key, params = {}) {
  const text = dictionaries[language][key] ?? dictionaries.es[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/** An enumeration value's label (kinds, roles, statuses…), the raw value when unknown. */
export function label(prefix, value) {
  if (value === null || value === undefined || value === "") return t("none");
  const key = `${prefix}.${value}`;
  return key in dictionaries[language] ? t(key) : String(value);
}

export function setLanguage(next) {
  language = LANGUAGES.includes(next) ? next : "es";
  localStorage.setItem(STORAGE, language);
  applyStatic();
  for (const listener of listeners) listener(language);
}

export function onLanguage(listener) { listeners.push(listener); }

export function number(value, digits = 0) {
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: digits, minimumFractionDigits: 0,
  }).format(value);
}

/** Translate the static page: elements with data-i18n (text) or data-i18n-label (aria-label). */
export function applyStatic(root = document) {
  document.documentElement.lang = language;
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
  const switcher = document.getElementById("language");
  if (switcher) switcher.value = language;
}
