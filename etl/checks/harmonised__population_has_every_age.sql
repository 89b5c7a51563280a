-- nl: Voor elke gemeente en elk jaar zijn alle leeftijden van 5 tot en met 22 jaar bekend.
-- Every gemeente and year with population figures has all single ages 5 to 22, so the
-- denominators (inhabitants 5-17, 12-22) are never sums over a partial age range.
select region_code, year, count(distinct age) as ages_found
from staged.cbs_bevolking__population
where region_code like 'GM%' and age between 5 and 22
group by region_code, year
having count(distinct age) < 18
